import { useState } from "react";

/**
 * Copies `text` to the clipboard. The text itself is always rendered next to it by the caller,
 * so without JavaScript (or clipboard permission) it can be selected and copied by hand.
 */
export function CopyButton({
  text,
  label = "Copy",
  className = "btn small",
}: {
  text: string;
  label?: string;
  className?: string;
}) {
  const [state, setState] = useState<"idle" | "copied" | "failed">("idle");
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(text);
      setState("copied");
    } catch {
      setState("failed");
    }
    window.setTimeout(() => setState("idle"), 2500);
  };
  return (
    <button type="button" className={className} onClick={() => void copy()} aria-live="polite">
      {state === "copied" ? "Copied ✓" : state === "failed" ? "Select the text to copy" : label}
    </button>
  );
}
