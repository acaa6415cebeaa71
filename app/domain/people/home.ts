import type { Role } from "../vocabulary";

/**
 * Where each role lands after logging in. Apart from navigation.ts, which every page's root loads in
 * the browser: the pages that use this use it on the server only, and a module shared with them
 * would be one more file for every page to fetch.
 */
export function homeFor(role: Role): string {
  return role === "member" ? "/interviews" : "/dashboard";
}
