import { useEffect, useRef } from "react";

import { scorecardFieldLabel } from "../../domain/scorecard/field-label";
import type { DiffLabels } from "../../domain/scorecard/rules";
import { fieldId } from "../ui/primitives";

/**
 * The errors of a refused post, at the top of the page with a link to each field: without
 * JavaScript the page reloads at its top, far from the fields (the JavaScript version focuses the
 * first field instead). Focused on arrival so a screen reader announces it.
 */
export function ErrorSummary({ errors, labels }: { errors: Record<string, string[] | undefined>; labels: DiffLabels }) {
  const ref = useRef<HTMLDivElement>(null);
  const entries = Object.entries(errors).filter(
    (e): e is [string, string[]] => e[0] !== "_form" && !!e[1] && e[1].length > 0,
  );
  useEffect(() => ref.current?.focus(), []);
  if (entries.length === 0) return null;
  return (
    <div
      className="notice danger error-summary"
      role="alert"
      tabIndex={-1}
      ref={ref}
      aria-labelledby="error-summary-h"
      data-testid="error-summary"
    >
      <p id="error-summary-h">
        <strong>
          {entries.length} thing{entries.length === 1 ? "" : "s"} to fix. Nothing you wrote was changed.
        </strong>
      </p>
      <ul>
        {entries.map(([path, messages]) => (
          <li key={path}>
            <a href={`#${path === "reason" ? "amend-reason" : fieldId(path)}`}>
              {path === "reason" ? "Reason for the amendment" : scorecardFieldLabel(path, labels)}
            </a>
            : {messages[0]}
          </li>
        ))}
      </ul>
    </div>
  );
}
