// Where links in e-mails point and who e-mails come from (README "Configuration").
//   PUBLIC_URL  the address people open ArchPanel at, e.g. https://archpanel.example.org
//   MAIL_FROM   "ArchPanel <archpanel@example.org>" or a bare address
// Read on every call (cheap), so tests and the server can set them before the first message.

export interface Sender {
  name: string;
  address: string;
}

/** PUBLIC_URL without a trailing slash; without it, the address the server listens on. */
export function publicBaseUrl(): string {
  const configured = process.env.PUBLIC_URL?.trim();
  if (configured) return configured.replace(/\/+$/, "");
  const host = process.env.HOST ?? "127.0.0.1";
  const shown = host === "0.0.0.0" || host === "::" ? "localhost" : host;
  return `http://${shown}:${process.env.PORT ?? "3000"}`;
}

/** MAIL_FROM parsed into a display name and an address (default "ArchPanel <archpanel@localhost>"). */
export function mailFrom(): Sender {
  const raw = process.env.MAIL_FROM?.trim() || "ArchPanel <archpanel@localhost>";
  const m = /^\s*"?([^"<]*?)"?\s*<([^<>\s]+@[^<>\s]+)>\s*$/.exec(raw);
  if (m) return { name: m[1]!.trim() || "ArchPanel", address: m[2]! };
  return { name: "ArchPanel", address: raw };
}

/** A Message-ID for an outbox row: the same on every attempt, so receivers can spot a duplicate. */
export function messageIdFor(outboxId: string): string {
  const domain = mailFrom().address.split("@")[1] ?? "archpanel.localhost";
  return `<${outboxId}@${domain.replace(/[^A-Za-z0-9.-]/g, "") || "archpanel.localhost"}>`;
}
