// "What the candidate drew": pictures attached to the scorecard (a whiteboard photo, an exported
// diagram), each with a caption that is its text for people who cannot see it. Plain forms that post
// to /scorecards/:id/artifacts (multipart), so they work without JavaScript; with it, the page sends
// them with fetch and updates the list in place (the scorecard's own form is never touched).
import { useState, type FormEvent } from "react";

import type { ArtifactView } from "../../domain/scorecard/artifact-view";
import { ArtifactFigure, CsrfInput, FieldError } from "../ui/primitives";

/** Mirrors app/domain/scorecard/artifact-image.ts (not imported: this is client code). */
const MAX_MB = 8;
const MAX_COUNT = 6;
const CAPTION_MAX = 300;

type Errors = Record<string, string[]>;

interface Answer {
  ok: boolean;
  errors?: Errors;
  artifacts?: ArtifactView[];
}

export function ScorecardArtifacts({
  scorecardId,
  editable,
  initial,
  dimensions,
}: {
  scorecardId: string;
  /** a draft: pictures can be added and removed; afterwards they are locked with the scorecard */
  editable: boolean;
  initial: ArtifactView[];
  dimensions: { key: string; name: string }[];
}) {
  const [artifacts, setArtifacts] = useState(initial);
  const [errors, setErrors] = useState<Errors>({});
  const [busy, setBusy] = useState(false);
  const action = `/scorecards/${scorecardId}/artifacts`;
  const nameOf = (key: string | null) => dimensions.find((d) => d.key === key)?.name;

  async function send(form: HTMLFormElement, body: FormData | URLSearchParams, reset: boolean): Promise<void> {
    setBusy(true);
    try {
      const response = await fetch(action, {
        method: "POST",
        body,
        headers: { Accept: "application/json" },
        credentials: "same-origin",
      });
      const answer = (await response.json().catch(() => null)) as Answer | null;
      if (answer?.ok && answer.artifacts) {
        setArtifacts(answer.artifacts);
        setErrors({});
        if (reset) form.reset();
      } else {
        setErrors(
          answer?.errors ??
            (response.status === 413
              ? { image: [`The image is larger than ${MAX_MB} MB. Export a smaller version and retry.`] }
              : { _form: ["The picture could not be sent. Check the connection and try again."] }),
        );
      }
    } catch {
      setErrors({ _form: ["The picture could not be sent. Check the connection and try again."] });
    } finally {
      setBusy(false);
    }
  }

  function onUpload(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = event.currentTarget;
    const file = (form.elements.namedItem("image") as HTMLInputElement | null)?.files?.[0];
    if (file && file.size > MAX_MB * 1024 * 1024) {
      setErrors({ image: [`The image is larger than ${MAX_MB} MB. Export a smaller version and retry.`] });
      return;
    }
    void send(form, new FormData(form), true);
  }

  function onRemove(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = event.currentTarget;
    // a removal is a plain form post (the action reads multipart bodies as uploads)
    const fields = new URLSearchParams();
    for (const [key, value] of new FormData(form)) if (typeof value === "string") fields.append(key, value);
    void send(form, fields, false);
  }

  const first = (key: string) => errors[key]?.[0];
  return (
    <section id="artifacts" className="card artifacts" aria-labelledby="artifacts-title">
      <h2 id="artifacts-title">What the candidate drew</h2>
      <p className="field-hint">
        Photos of the whiteboard or exported diagrams, PNG or JPEG up to {MAX_MB} MB, at most {MAX_COUNT}. Location,
        camera and other details stored in the file are removed. Like the rest of the scorecard, only you see them until
        you submit; then they are locked with it.
      </p>
      {first("_form") ? (
        <div className="form-error" role="alert">
          {first("_form")}
        </div>
      ) : null}
      {artifacts.length > 0 ? (
        <ul className="artifact-list">
          {artifacts.map((a) => (
            <li key={a.id}>
              <ArtifactFigure artifact={a} dimensionName={nameOf(a.dimensionKey)} />
              {editable ? (
                <form method="post" action={action} onSubmit={onRemove}>
                  <CsrfInput />
                  <input type="hidden" name="intent" value="remove" />
                  <input type="hidden" name="artifactId" value={a.id} />
                  <button type="submit" className="btn small" disabled={busy}>
                    Remove<span className="sr-only"> “{a.caption}”</span>
                  </button>
                </form>
              ) : null}
            </li>
          ))}
        </ul>
      ) : (
        <p className="muted">No pictures attached.</p>
      )}
      {editable && artifacts.length < MAX_COUNT ? (
        <form
          method="post"
          action={action}
          encType="multipart/form-data"
          onSubmit={onUpload}
          className="artifact-upload"
        >
          <CsrfInput />
          <div className="field">
            <label htmlFor="artifact-image">Picture (PNG or JPEG)</label>
            <input
              id="artifact-image"
              name="image"
              type="file"
              accept="image/png,image/jpeg"
              required
              aria-invalid={first("image") ? true : undefined}
              aria-describedby={first("image") ? "artifact-image-error" : undefined}
            />
            <FieldError id="artifact-image-error" message={first("image")} />
          </div>
          <div className="field">
            <label htmlFor="artifact-caption">Caption (what it shows, read aloud to people who cannot see it)</label>
            <input
              id="artifact-caption"
              name="caption"
              type="text"
              required
              maxLength={CAPTION_MAX}
              aria-invalid={first("caption") ? true : undefined}
              aria-describedby={first("caption") ? "artifact-caption-error" : undefined}
            />
            <FieldError id="artifact-caption-error" message={first("caption")} />
          </div>
          <div className="field">
            <label htmlFor="artifact-dimension">Supports (optional)</label>
            <select
              id="artifact-dimension"
              name="dimensionKey"
              defaultValue=""
              aria-describedby={first("dimensionKey") ? "artifact-dimension-error" : undefined}
            >
              <option value="">No particular dimension</option>
              {dimensions.map((d) => (
                <option key={d.key} value={d.key}>
                  {d.name}
                </option>
              ))}
            </select>
            <FieldError id="artifact-dimension-error" message={first("dimensionKey")} />
          </div>
          <button type="submit" className="btn" disabled={busy}>
            {busy ? "Attaching…" : "Attach picture"}
          </button>
        </form>
      ) : null}
    </section>
  );
}
