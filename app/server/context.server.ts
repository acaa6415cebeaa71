/** What scripts/server.ts passes to every loader and action (Remix load context). */
export interface ArchPanelContext {
  clientIp: string;
  requestId: string;
}

export function clientIpOf(context: unknown): string {
  const ip = (context as Partial<ArchPanelContext> | undefined)?.clientIp;
  return typeof ip === "string" && ip ? ip : "unknown";
}

declare module "@remix-run/node" {
  interface AppLoadContext {
    clientIp: string;
    requestId: string;
    cspNonce: string;
  }
}
