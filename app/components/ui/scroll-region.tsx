import type { ReactNode } from "react";

/**
 * The one place a page may be wider than the screen: a named, focusable region that scrolls sideways
 * (keyboard users scroll it with the arrow keys once it has the focus). The phone sweep in
 * tests/e2e/accessibility.spec.ts allows overflow only inside `[role=region][aria-label][tabindex]`.
 */
export function ScrollRegion({
  label,
  className,
  children,
}: {
  label: string;
  className?: string;
  children: ReactNode;
}) {
  return (
    <div
      className={className ? `table-scroll ${className}` : "table-scroll"}
      role="region"
      aria-label={label}
      tabIndex={0}
    >
      {children}
    </div>
  );
}
