/** A stable DOM id for a form path: dots and other characters become dashes ("ratings.cloud.score" -> "f-ratings-cloud-score"). */
export function fieldId(path: string, prefix = "f"): string {
  return `${prefix}-${path.replace(/[^A-Za-z0-9_-]+/g, "-")}`;
}

/** An inline error under a field; `id` is what the field's aria-describedby points at. */
export function FieldError({ id, message }: { id: string; message: string | undefined }) {
  return message ? (
    <div className="field-error" id={id} role="alert">
      {message}
    </div>
  ) : null;
}
