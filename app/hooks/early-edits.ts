/**
 * Inputs made before hydration. The server-rendered scorecard is a working HTML form, so a rating
 * clicked or evidence typed while the JavaScript loads lands in the DOM; hydration would then
 * overwrite it (React resets a textarea to its server text, the form library resets every field to
 * the loaded values). Read in the first render, before either happens, and replayed as ordinary
 * edits once hydrated, these are autosaved like any other.
 */

/** The first render in the browser (app/hooks/hydration.ts sets the flag once hydrated). */
function isHydrating(): boolean {
  // read here rather than imported: sharing hydration.ts with the root would cost the page a request
  return typeof window !== "undefined" && window.__archpanelHydrated !== true;
}

export interface EarlyEdit {
  /** the control's name: the form field's path */
  name: string;
  value: string | boolean;
}

const TEXT_TYPES = new Set(["text", "search", "email", "url", "tel", "number"]);

/** What differs from the server's HTML in the form `formId` (controls tied to it by `form=` too). */
export function readEarlyEdits(formId: string): EarlyEdit[] {
  if (!isHydrating()) return [];
  const form = document.getElementById(formId);
  if (!(form instanceof HTMLFormElement)) return [];
  const edits: EarlyEdit[] = [];
  for (const el of Array.from(form.elements)) {
    if (el instanceof HTMLInputElement && el.name) {
      if (el.type === "radio") {
        if (el.checked && !el.defaultChecked) edits.push({ name: el.name, value: el.value });
      } else if (el.type === "checkbox") {
        if (el.checked !== el.defaultChecked) edits.push({ name: el.name, value: el.checked });
      } else if (TEXT_TYPES.has(el.type) && el.value !== el.defaultValue) {
        edits.push({ name: el.name, value: el.value });
      }
    } else if (el instanceof HTMLTextAreaElement && el.name && el.value !== el.defaultValue) {
      edits.push({ name: el.name, value: el.value });
    }
  }
  return edits;
}

/** The current text of an input typed into before hydration, if it differs from the server's. */
export function readEarlyText(id: string): string | null {
  if (!isHydrating()) return null;
  const el = document.getElementById(id);
  if (!(el instanceof HTMLInputElement || el instanceof HTMLTextAreaElement)) return null;
  return el.value !== el.defaultValue ? el.value : null;
}
