/**
 * After a client-side navigation the element that had the focus (the link just followed) is
 * usually gone, and the browser drops focus on <body>: a keyboard or screen-reader user is sent
 * back to the top of the document. Move it to the page's main region instead, the way a full page
 * load with the skip link would, but only when focus was actually lost (a nav link that stays on
 * screen keeps it).
 */
import { useLocation } from "@remix-run/react";
import { useEffect, useRef } from "react";

export function useFocusMainOnNavigation(): void {
  const { pathname } = useLocation();
  const previous = useRef(pathname);
  useEffect(() => {
    if (previous.current === pathname) return;
    previous.current = pathname;
    const active = document.activeElement;
    if (active && active !== document.body && active.isConnected) return;
    const main = document.getElementById("main");
    if (!main) return;
    if (!main.hasAttribute("tabindex")) main.setAttribute("tabindex", "-1");
    main.focus({ preventScroll: true });
  }, [pathname]);
}
