/**
 * The webhook signature header, in the style of Stripe's: `ArchPanel-Signature: t=<unix seconds>,v1=<hex>`
 * where v1 = HMAC-SHA256(secret, `${t}.${body}`). Receivers recompute the MAC over the raw body,
 * compare in constant time and reject timestamps older than a few minutes (replays). The MAC
 * itself is computed in app/server (node:crypto); this module is the pure format. Pure; no IO.
 */

export const SIGNATURE_HEADER = "ArchPanel-Signature";
/** the same value on every retry of one delivery: receivers de-duplicate on it */
export const DELIVERY_HEADER = "ArchPanel-Delivery";
export const EVENT_HEADER = "ArchPanel-Event";

/** What is signed: the timestamp, a dot, and the exact body bytes. */
export function signedPayload(timestamp: number, body: string): string {
  return `${timestamp}.${body}`;
}

export function signatureHeader(timestamp: number, macHex: string): string {
  return `t=${timestamp},v1=${macHex}`;
}

/** Parses a signature header; null when it is not one. */
export function parseSignatureHeader(value: string): { timestamp: number; signatures: string[] } | null {
  let timestamp: number | null = null;
  const signatures: string[] = [];
  for (const part of value.split(",")) {
    const i = part.indexOf("=");
    if (i < 0) continue;
    const key = part.slice(0, i).trim();
    const v = part.slice(i + 1).trim();
    if (key === "t" && /^\d{1,12}$/.test(v)) timestamp = Number(v);
    else if (key === "v1" && /^[0-9a-f]{64}$/.test(v)) signatures.push(v);
  }
  return timestamp === null || signatures.length === 0 ? null : { timestamp, signatures };
}
