/**
 * Re-runs the page's loaders every few seconds while `enabled`, the tab is visible and nothing is
 * being submitted or loaded: a shared meeting screen that follows the server without a socket. A
 * poll that fails leaves the page as it was until the next one.
 */
import { useNavigation, useRevalidator } from "@remix-run/react";
import { useEffect, useRef } from "react";

export function usePolling(enabled: boolean, intervalMs = 2_500): void {
  const { revalidate, state } = useRevalidator();
  const navigation = useNavigation();
  const idle = useRef(true);
  idle.current = state === "idle" && navigation.state === "idle";
  useEffect(() => {
    if (!enabled) return;
    const id = setInterval(() => {
      if (idle.current && document.visibilityState === "visible") void revalidate();
    }, intervalMs);
    return () => clearInterval(id);
  }, [enabled, intervalMs, revalidate]);
}
