import type { SyncStatus } from "../../domain/scorecard/autosave";

import { LocalTime, localTimeText } from "../ui/primitives";

function describe(s: SyncStatus): { text: string; tone: "ok" | "muted" | "warn" | "danger" } {
  switch (s.kind) {
    case "clean":
      return { text: s.savedAt ? `Saved ${localTimeText(s.savedAt, "saved")}` : "No changes yet", tone: "muted" };
    case "pending":
      return { text: "Unsaved changes…", tone: "muted" };
    case "saving":
      return { text: "Saving…", tone: "muted" };
    case "saved":
      return { text: `Saved ${localTimeText(s.savedAt, "saved")}`, tone: "ok" };
    case "offline":
      return {
        text:
          s.reason === "session"
            ? "Logged out — kept on this device"
            : s.reason === "server"
              ? "Server unavailable — kept on this device"
              : "Offline — kept on this device",
        tone: "warn",
      };
    case "conflict":
      return { text: "Conflict", tone: "danger" };
    case "invalid":
      return { text: "Not saved — fix the highlighted field", tone: "danger" };
    case "locked":
      return { text: s.status === "recused" ? "Recused elsewhere" : "Submitted elsewhere", tone: "danger" };
    case "local":
      return { text: `Amendment kept on this device ${localTimeText(s.editedAt, "saved")}`, tone: "warn" };
    case "error":
      return { text: "Not saved", tone: "danger" };
  }
}

/** The save status, announced politely to screen readers when it changes. */
export function SaveStatus({ status, fallback }: { status: SyncStatus | null; fallback?: string }) {
  const d = status ? describe(status) : { text: fallback ?? "", tone: "muted" as const };
  // The first render must be identical on the server and in the browser: a time zone–safe element.
  const text =
    status?.kind === "clean" && status.savedAt ? (
      <>
        Saved <LocalTime at={status.savedAt} format="saved" />
      </>
    ) : (
      d.text
    );
  return (
    <span className={`save-status tone-${d.tone}`} role="status" aria-live="polite" data-testid="save-status">
      <span className="dot" aria-hidden="true" />
      {text}
    </span>
  );
}
