// TRUST_PROXY -> Express's `trust proxy` setting, which decides `req.ip` (the address the login
// throttle counts). Express walks X-Forwarded-For from the right, past the proxies it trusts, so a
// client can prepend whatever it likes and still be counted under the address its proxy saw.

/**
 * - unset, "", "false", "0": no proxy; the address is the socket's peer.
 * - a number: that many proxies in front of the server (hops), e.g. "1" for one nginx.
 * - anything else: the proxies' addresses or CIDR ranges, comma-separated, or Express's names
 *   "loopback", "linklocal", "uniquelocal" (Express checks them when the server starts).
 * "true" is refused: Express would then trust every hop and take the left-most X-Forwarded-For
 * value, which is whatever the client wrote.
 */
export function trustProxySetting(raw: string | undefined): false | number | string {
  const value = (raw ?? "").trim();
  if (value === "" || value === "false" || value === "0") return false;
  if (/^\d+$/.test(value)) return Number(value);
  if (value === "true")
    throw new Error(
      'TRUST_PROXY=true would trust any X-Forwarded-For a client sends. Set the number of proxies in front of ArchPanel (e.g. TRUST_PROXY=1) or their addresses (e.g. TRUST_PROXY="10.0.0.5, 10.0.1.0/24").',
    );
  return value;
}
