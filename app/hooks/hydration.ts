/**
 * "Interactive" for ArchPanel: React has hydrated the whole page and run its effects, so every
 * handler is attached and inputs made before hydration have been picked up. The root sets
 * `window.__archpanelHydrated` then (effects run children first, so the root's runs last);
 * scripts/bench-tti.ts and the end-to-end tests wait on it.
 */
import { useEffect } from "react";

declare global {
  interface Window {
    __archpanelHydrated?: boolean;
  }
}

export function useMarkHydrated(): void {
  useEffect(() => {
    window.__archpanelHydrated = true;
  }, []);
}
