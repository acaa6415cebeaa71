import { Form, Link } from "@remix-run/react";

import { CsrfInput } from "../ui/csrf";
import { LocalTime } from "../ui/local-time";

/** The page of a recused scorecard: the declaration, and a way to withdraw it while the loop is open. */
export function RecusedNotice(p: {
  note: string | null;
  declaredAt: number | null;
  action: string;
  canWithdraw: boolean;
}) {
  return (
    <section className="card recused" aria-labelledby="recused-h">
      <h2 id="recused-h">You recused yourself from this interview</h2>
      <p>
        You declared a conflict of interest
        {p.declaredAt ? (
          <>
            {" "}
            on <LocalTime at={p.declaredAt} />
          </>
        ) : null}
        . Your scorecard does not count towards the panel&apos;s scores; the recruiter sees the declaration on the loop
        and can reassign the interview.
      </p>
      {p.note ? (
        <blockquote className="coi-note" data-testid="conflict-note">
          {p.note}
        </blockquote>
      ) : null}
      <div className="row">
        {p.canWithdraw ? (
          <Form method="post" action={p.action}>
            <CsrfInput />
            <input type="hidden" name="intent" value="withdrawConflict" />
            <button type="submit" className="btn">
              Withdraw the declaration (it was a mistake)
            </button>
          </Form>
        ) : null}
        <Link to="/interviews" className="btn">
          Back to my interviews
        </Link>
      </div>
    </section>
  );
}
