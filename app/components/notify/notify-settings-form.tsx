import { Form, useNavigation } from "@remix-run/react";

import { useRemixForm } from "../../hooks/use-remix-form";
import { MAX_DAILY_REMINDERS, MAX_FIRST_REMINDER_HOURS, notifySettingsSchema } from "../../domain/notify/settings";
import { CsrfInput } from "../ui/primitives";
import { FormError, TextField } from "../ui/fields";

export type NotifyFormValues = Record<
  | "orgName"
  | "remindersEnabled"
  | "firstReminderHours"
  | "dailyReminders"
  | "quietStart"
  | "quietEnd"
  | "dailyAt"
  | "digestEnabled",
  string
>;

/** The organisation's e-mail settings: its name, the reminder cadence, quiet hours, the digest. */
export function NotifySettingsForm({
  defaults,
  serverErrors,
}: {
  defaults: NotifyFormValues;
  serverErrors?: Record<string, string[]> | null;
}) {
  const { register, onSubmit, errorFor } = useRemixForm(notifySettingsSchema, {
    defaultValues: {
      ...defaults,
      remindersEnabled: defaults.remindersEnabled === "true",
      digestEnabled: defaults.digestEnabled === "true",
    },
    serverErrors,
  });
  const busy = useNavigation().state === "submitting";
  return (
    <Form method="post" noValidate onSubmit={onSubmit} aria-label="E-mail reminders" className="settings-form">
      <CsrfInput />
      <FormError message={serverErrors?._form?.[0]} />
      <TextField
        name="orgName"
        label="Organisation name (in every e-mail)"
        register={register}
        error={errorFor("orgName")}
        defaultValue={defaults.orgName}
        idPrefix="notify"
      />
      <div className="field">
        <label className="check">
          <input
            type="checkbox"
            value="true"
            defaultChecked={defaults.remindersEnabled === "true"}
            {...register("remindersEnabled")}
          />{" "}
          E-mail reminders to panelists whose scorecard is open
        </label>
      </div>
      <TextField
        name="firstReminderHours"
        label="First reminder (hours after the interview ended)"
        type="number"
        inputMode="numeric"
        min={0}
        max={MAX_FIRST_REMINDER_HOURS}
        register={register}
        error={errorFor("firstReminderHours")}
        defaultValue={defaults.firstReminderHours}
        idPrefix="notify"
      />
      <TextField
        name="dailyReminders"
        label="Then daily, on business days, at most (times)"
        type="number"
        inputMode="numeric"
        min={0}
        max={MAX_DAILY_REMINDERS}
        register={register}
        error={errorFor("dailyReminders")}
        defaultValue={defaults.dailyReminders}
        idPrefix="notify"
      />
      <TextField
        name="dailyAt"
        label="Daily reminders and digest at"
        type="time"
        register={register}
        error={errorFor("dailyAt")}
        defaultValue={defaults.dailyAt}
        idPrefix="notify"
      />
      <TextField
        name="quietStart"
        label="Quiet hours from"
        type="time"
        register={register}
        error={errorFor("quietStart")}
        defaultValue={defaults.quietStart}
        idPrefix="notify"
      />
      <TextField
        name="quietEnd"
        label="Quiet hours until"
        type="time"
        register={register}
        error={errorFor("quietEnd")}
        defaultValue={defaults.quietEnd}
        idPrefix="notify"
        hint="No reminder or digest goes out in quiet hours or at weekends (organisation time zone)."
      />
      <div className="field">
        <label className="check">
          <input
            type="checkbox"
            value="true"
            defaultChecked={defaults.digestEnabled === "true"}
            {...register("digestEnabled")}
          />{" "}
          Daily digest of outstanding scorecards to hiring managers and recruiters
        </label>
      </div>
      <button type="submit" name="intent" value="notify" className="btn" disabled={busy}>
        {busy ? "Saving…" : "Save e-mail settings"}
      </button>
    </Form>
  );
}
