// When cookies carry `Secure`. A Secure cookie sent over plain http is dropped by the browser
// (except on localhost), so a demo opened through a LAN address or a VM's host name could never
// log in; behind TLS the cookies must stay Secure. COOKIE_SECURE (README, Configuration):
// "true" always, "false" never, unset or "auto": when the request came over https — the socket's
// TLS, or X-Forwarded-Proto from a proxy trusted through TRUST_PROXY (Express's `req.secure`).

export type CookieSecureSetting = "always" | "never" | "https";

export function cookieSecureSetting(raw: string | undefined): CookieSecureSetting {
  const value = (raw ?? "").trim().toLowerCase();
  if (value === "" || value === "auto") return "https";
  if (value === "true" || value === "1") return "always";
  if (value === "false" || value === "0") return "never";
  throw new Error(`COOKIE_SECURE must be true, false or auto (got "${raw}").`);
}

/** Whether a cookie set on this answer gets `Secure` (and the answer HSTS). */
export function secureCookies(setting: CookieSecureSetting, overHttps: boolean): boolean {
  return setting === "always" || (setting === "https" && overHttps);
}
