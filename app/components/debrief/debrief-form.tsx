import { Form, useNavigation } from "@remix-run/react";
import type { ReactNode } from "react";

import type { OverrideGround } from "../../domain/review/override";
import { CsrfInput } from "../ui/primitives";

export interface DebriefActionData {
  intent: "start" | "join" | "reveal" | "note" | "move" | "decide" | null;
  errors: Record<string, string[] | undefined>;
  values?: { conclusion?: string; decision?: string; rationale?: string; override?: string };
  /** a decision refused for want of an override: the grounds it goes against */
  grounds?: OverrideGround[];
}

/**
 * A plain POST form to the debrief with the CSRF token and the display mode: every control works
 * without JavaScript; with it, Remix submits it in place.
 */
export function DebriefForm({
  intent,
  large,
  label,
  children,
  className,
}: {
  intent: string;
  large: boolean;
  label: string;
  children: ReactNode;
  className?: string;
}) {
  return (
    <Form method="post" aria-label={label} className={className}>
      <CsrfInput />
      <input type="hidden" name="intent" value={intent} />
      {large ? <input type="hidden" name="large" value="1" /> : null}
      {children}
    </Form>
  );
}

export function useBusy(intent: string): boolean {
  const navigation = useNavigation();
  return navigation.state !== "idle" && navigation.formData?.get("intent") === intent;
}
