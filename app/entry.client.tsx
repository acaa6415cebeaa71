import { RemixBrowser } from "@remix-run/react";
import { StrictMode } from "react";
import { hydrateRoot } from "react-dom/client";

// Hydrate in one piece, not as an interruptible transition: a click or keystroke made meanwhile
// then waits for it instead of forcing a half-done hydration (which lost the input and, under
// repeated clicks, broke the page), and edits made before it are read from the DOM by the first
// render (app/hooks/early-edits.ts) with nothing able to slip in between.
hydrateRoot(
  document,
  <StrictMode>
    <RemixBrowser />
  </StrictMode>,
);
