import type { FieldValues, UseFormRegister } from "react-hook-form";

import type { DimensionFormValues, ExerciseFormValues } from "../../domain/rubric/draft-schema";
import { CALIBRATION_FIELDS, LEVEL_FIELDS, SCALE_FIELDS } from "../../domain/rubric/draft-schema";
import { CONTEXT_CARD_FIELDS, CONTEXT_CARD_LABELS } from "../../domain/rubric/model";
import { LEVEL_SIGNAL_LABELS, RATING_LABELS } from "../../domain/vocabulary";

import { SelectField, TextAreaField, TextField } from "../ui/fields";

// The rubric editor's format-2 (rubric v2) pieces: scale anchors, level guidance and calibration
// per dimension; context card, phases, probes and reveals per exercise; the decision rule and the
// interviewer guidance. Each list shows its rows plus one spare blank row, like the rest of the editor.

export interface EditorKit {
  reg: UseFormRegister<FieldValues>;
  err: (name: string) => string | undefined;
  /** the default value of a field, rendered into the HTML so the form works before JavaScript */
  dv: (name: string) => string;
}

export interface DimensionChoice {
  key: string;
  name: string;
}

const LEVEL_LABELS: Record<(typeof LEVEL_FIELDS)[number], string> = {
  belowLead: LEVEL_SIGNAL_LABELS.below_lead,
  lead: LEVEL_SIGNAL_LABELS.lead,
  staffPlus: LEVEL_SIGNAL_LABELS.staff_plus,
};

const GUIDANCE_LABELS = {
  conduct: "Running and rating the interview",
  timekeeping: "Keeping to time",
  doNotAsk: "Never ask about",
} as const;

function RemoveBox({ name, kit, checked, label }: { name: string; kit: EditorKit; checked: boolean; label: string }) {
  return (
    <label className="check remove-box">
      <input type="checkbox" defaultChecked={checked} {...kit.reg(name)} /> {label}
    </label>
  );
}

function GroupError({ id, message }: { id: string; message: string | undefined }) {
  if (!message) return null;
  return (
    <div className="field-error" id={id} role="alert">
      {message}
    </div>
  );
}

function DimensionChecks({
  name,
  kit,
  choices,
  checked,
  legend,
}: {
  name: string;
  kit: EditorKit;
  choices: readonly DimensionChoice[];
  checked: readonly string[];
  legend: string;
}) {
  const error = kit.err(name);
  return (
    <fieldset className="dims-assessed" aria-describedby={error ? `${name}-error` : undefined}>
      <legend>{legend}</legend>
      {choices.length === 0 ? (
        <p className="muted small">Save the draft with at least one dimension first.</p>
      ) : (
        <div className="check-grid">
          {choices.map((d) => (
            <label key={d.key} className="check">
              <input type="checkbox" value={d.key} defaultChecked={checked.includes(d.key)} {...kit.reg(name)} />{" "}
              {d.name || d.key}
            </label>
          ))}
        </div>
      )}
      <GroupError id={`${name}-error`} message={error} />
    </fieldset>
  );
}

/** Per dimension: an anchor for each point of the 1–4 scale, level guidance and calibration answers. */
export function DimensionV2Fields({
  p,
  d,
  kit,
  exercises,
}: {
  p: string;
  d: DimensionFormValues;
  kit: EditorKit;
  exercises: readonly ExerciseFormValues[];
}) {
  const calibrationError = kit.err(`${p}.calibration`);
  const savedExercises = exercises.filter((e) => e.key !== "");
  return (
    <>
      <fieldset className="v2-group">
        <legend>Anchor for each scale point</legend>
        <GroupError id={`${p}-scale-error`} message={kit.err(`${p}.scale`) ?? kit.err(`${p}.anchors`)} />
        <div className="grid grid-4 tight anchors">
          {SCALE_FIELDS.map((f, i) => (
            <TextAreaField
              key={f}
              name={`${p}.scale.${f}`}
              label={`${i + 1} · ${RATING_LABELS[(i + 1) as 1 | 2 | 3 | 4]}`}
              register={kit.reg}
              defaultValue={kit.dv(`${p}.scale.${f}`)}
              error={kit.err(`${p}.scale.${f}`)}
              rows={4}
            />
          ))}
        </div>
      </fieldset>
      <fieldset className="v2-group">
        <legend>Level guidance</legend>
        <div className="grid grid-3 tight">
          {LEVEL_FIELDS.map((f) => (
            <TextAreaField
              key={f}
              name={`${p}.levels.${f}`}
              label={LEVEL_LABELS[f]}
              register={kit.reg}
              defaultValue={kit.dv(`${p}.levels.${f}`)}
              error={kit.err(`${p}.levels.${f}`)}
              rows={3}
            />
          ))}
        </div>
      </fieldset>
      <fieldset className="v2-group">
        <legend>Calibration: sample answers to one probe</legend>
        <GroupError id={`${p}-calibration-error`} message={calibrationError} />
        <div className="grid grid-2 tight">
          <SelectField
            name={`${p}.calibration.exerciseKey`}
            label="Exercise"
            register={kit.reg}
            defaultValue={kit.dv(`${p}.calibration.exerciseKey`)}
            error={kit.err(`${p}.calibration.exerciseKey`)}
          >
            <option value="">Choose an exercise</option>
            {savedExercises.map((e) => (
              <option key={e.key} value={e.key}>
                {e.title || e.key}
              </option>
            ))}
          </SelectField>
          <SelectField
            name={`${p}.calibration.probeKey`}
            label="Probe"
            hint="A probe of the chosen exercise."
            register={kit.reg}
            defaultValue={kit.dv(`${p}.calibration.probeKey`)}
            error={kit.err(`${p}.calibration.probeKey`)}
          >
            <option value="">Choose a probe</option>
            {savedExercises.map((e) => (
              <optgroup key={e.key} label={e.title || e.key}>
                {(e.probes ?? [])
                  .filter((probe) => probe.key !== "")
                  .map((probe) => (
                    <option key={probe.key} value={probe.key}>
                      {probe.question.length > 90 ? `${probe.question.slice(0, 89)}…` : probe.question}
                    </option>
                  ))}
              </optgroup>
            ))}
          </SelectField>
        </div>
        <div className="grid grid-3 tight">
          {CALIBRATION_FIELDS.map((f) => {
            const point = Number(f.slice(1)) as 2 | 3 | 4;
            return (
              <TextAreaField
                key={f}
                name={`${p}.calibration.${f}`}
                label={`A ${point} answer (${RATING_LABELS[point].toLowerCase()})`}
                register={kit.reg}
                defaultValue={kit.dv(`${p}.calibration.${f}`)}
                error={kit.err(`${p}.calibration.${f}`)}
                rows={4}
              />
            );
          })}
        </div>
        {d.key === "" ? <p className="muted small">Probes to choose from appear once the draft is saved.</p> : null}
      </fieldset>
    </>
  );
}

/** Per exercise: the context card, the timed phases, the tagged probes and the scripted reveals. */
export function ExerciseV2Fields({
  p,
  e,
  kit,
  dimensions,
}: {
  p: string;
  e: ExerciseFormValues;
  kit: EditorKit;
  dimensions: readonly DimensionChoice[];
}) {
  const phases = e.phases ?? [];
  const probes = e.probes ?? [];
  const reveals = e.reveals ?? [];
  return (
    <>
      <fieldset className="v2-group">
        <legend>Context card</legend>
        <p className="muted small">The facts the candidate gets on a card; leave all empty when none is needed.</p>
        <GroupError id={`${p}-context-error`} message={kit.err(`${p}.context`)} />
        <div className="grid grid-3 tight">
          {CONTEXT_CARD_FIELDS.map((f) => (
            <TextAreaField
              key={f}
              name={`${p}.context.${f}`}
              label={CONTEXT_CARD_LABELS[f]}
              register={kit.reg}
              defaultValue={kit.dv(`${p}.context.${f}`)}
              error={kit.err(`${p}.context.${f}`)}
              rows={2}
            />
          ))}
        </div>
      </fieldset>

      <fieldset className="v2-group">
        <legend>Phases</legend>
        <p className="muted small">
          Timeboxes in order; they add up to the exercise&rsquo;s minutes, and one is kept for the candidate&rsquo;s
          questions.
        </p>
        <GroupError id={`${p}-phases-error`} message={kit.err(`${p}.phases`)} />
        {phases.map((ph, j) => {
          const q = `${p}.phases.${j}`;
          const isNew = ph.key === "" && ph.label === "";
          return (
            <div key={j} className={`flat-row phase-row${isNew ? " spare" : ""}`} data-phase={ph.key || "new"}>
              <input type="hidden" defaultValue={kit.dv(`${q}.key`)} {...kit.reg(`${q}.key`)} />
              <TextField
                name={`${q}.label`}
                label={isNew ? "New phase" : "Phase"}
                register={kit.reg}
                defaultValue={kit.dv(`${q}.label`)}
                error={kit.err(`${q}.label`) ?? kit.err(`${q}.key`)}
                className="grow"
              />
              <TextField
                name={`${q}.minutes`}
                label="Minutes"
                register={kit.reg}
                defaultValue={kit.dv(`${q}.minutes`)}
                error={kit.err(`${q}.minutes`)}
                inputMode="numeric"
                className="weight"
              />
              <label className="check">
                <input type="checkbox" defaultChecked={ph.candidateQuestions} {...kit.reg(`${q}.candidateQuestions`)} />{" "}
                Candidate&rsquo;s questions
              </label>
              {!isNew ? (
                <RemoveBox name={`${q}.remove`} kit={kit} checked={ph.remove} label="Remove" />
              ) : (
                <span className="remove-box" />
              )}
            </div>
          );
        })}
      </fieldset>

      <fieldset className="v2-group">
        <legend>Probes</legend>
        <p className="muted small">
          Core probes are asked in every interview (3–4 per exercise); each one names the dimensions its answer informs.
        </p>
        <GroupError id={`${p}-probes-error`} message={kit.err(`${p}.probes`) ?? kit.err(`${p}.probeQuestions`)} />
        {probes.map((pr, j) => {
          const q = `${p}.probes.${j}`;
          const isNew = pr.key === "" && pr.question === "";
          return (
            <fieldset key={j} className={`item probe-item${isNew ? " spare" : ""}`} data-probe={pr.key || "new"}>
              <legend>{isNew ? "Add a probe" : `Probe ${j + 1}`}</legend>
              <input type="hidden" defaultValue={kit.dv(`${q}.key`)} {...kit.reg(`${q}.key`)} />
              <div className="grid grid-2 tight">
                <TextAreaField
                  name={`${q}.question`}
                  label="Question"
                  register={kit.reg}
                  defaultValue={kit.dv(`${q}.question`)}
                  error={kit.err(`${q}.question`) ?? kit.err(`${q}.key`)}
                  rows={3}
                />
                <TextAreaField
                  name={`${q}.lookFor`}
                  label="What to listen for"
                  register={kit.reg}
                  defaultValue={kit.dv(`${q}.lookFor`)}
                  error={kit.err(`${q}.lookFor`)}
                  rows={3}
                />
              </div>
              <label className="check">
                <input type="checkbox" defaultChecked={pr.core} {...kit.reg(`${q}.core`)} /> Core probe
              </label>
              <DimensionChecks
                name={`${q}.dimensionKeys`}
                kit={kit}
                choices={dimensions}
                checked={pr.dimensionKeys}
                legend="Informs"
              />
              {!isNew ? (
                <RemoveBox name={`${q}.remove`} kit={kit} checked={pr.remove} label="Remove this probe" />
              ) : null}
            </fieldset>
          );
        })}
      </fieldset>

      <fieldset className="v2-group">
        <legend>Scripted reveals</legend>
        <p className="muted small">
          For a scripted exercise: what the interviewer shows at which minute (the interviewer alone sees them).
        </p>
        {reveals.map((r, j) => {
          const q = `${p}.reveals.${j}`;
          const isNew = r.key === "" && r.show === "";
          return (
            <div key={j} className={`flat-row reveal-row${isNew ? " spare" : ""}`} data-reveal={r.key || "new"}>
              <input type="hidden" defaultValue={kit.dv(`${q}.key`)} {...kit.reg(`${q}.key`)} />
              <TextField
                name={`${q}.atMinute`}
                label="At minute"
                register={kit.reg}
                defaultValue={kit.dv(`${q}.atMinute`)}
                error={kit.err(`${q}.atMinute`)}
                inputMode="numeric"
                className="weight"
              />
              <TextAreaField
                name={`${q}.show`}
                label={isNew ? "New reveal: what to show" : "What to show"}
                register={kit.reg}
                defaultValue={kit.dv(`${q}.show`)}
                error={kit.err(`${q}.show`) ?? kit.err(`${q}.key`)}
                className="grow"
                rows={2}
              />
              <TextAreaField
                name={`${q}.listenFor`}
                label="What to listen for"
                register={kit.reg}
                defaultValue={kit.dv(`${q}.listenFor`)}
                error={kit.err(`${q}.listenFor`)}
                className="grow"
                rows={2}
              />
              {!isNew ? (
                <RemoveBox name={`${q}.remove`} kit={kit} checked={r.remove} label="Remove" />
              ) : (
                <span className="remove-box" />
              )}
            </div>
          );
        })}
      </fieldset>
    </>
  );
}

/** The rubric-wide format-2 sections: the decision rule and the interviewer guidance. */
export function RubricV2Sections({
  kit,
  dimensions,
  mustHave,
}: {
  kit: EditorKit;
  dimensions: readonly DimensionChoice[];
  mustHave: readonly string[];
}) {
  return (
    <>
      <section className="card" aria-labelledby="rule-h">
        <h2 id="rule-h">Decision rule</h2>
        <GroupError id="decisionRule-error" message={kit.err("decisionRule")} />
        <TextAreaField
          name="decisionRule.statement"
          label="The rule in plain words"
          hint="Shown on the review page and in the packet."
          register={kit.reg}
          defaultValue={kit.dv("decisionRule.statement")}
          error={kit.err("decisionRule.statement")}
          rows={3}
        />
        <DimensionChecks
          name="decisionRule.mustHaveDimensionKeys"
          kit={kit}
          choices={dimensions}
          checked={mustHave}
          legend="Must-have dimensions (below the bar opens the debrief)"
        />
      </section>

      <section className="card" aria-labelledby="guidance-h">
        <h2 id="guidance-h">Interviewer guidance</h2>
        <GroupError id="interviewerGuidance-error" message={kit.err("interviewerGuidance")} />
        <div className="grid grid-3 tight">
          {(Object.keys(GUIDANCE_LABELS) as (keyof typeof GUIDANCE_LABELS)[]).map((f) => (
            <TextAreaField
              key={f}
              name={`interviewerGuidance.${f}`}
              label={GUIDANCE_LABELS[f]}
              hint="One per line."
              register={kit.reg}
              defaultValue={kit.dv(`interviewerGuidance.${f}`)}
              error={kit.err(`interviewerGuidance.${f}`)}
              rows={6}
            />
          ))}
        </div>
      </section>
    </>
  );
}
