import { Link } from "@remix-run/react";

import { LocalTime } from "../ui/primitives";

/** The page of a recused scorecard: the declaration, which is final. */
export function RecusedNotice(p: { note: string | null; declaredAt: number | null; error?: string }) {
  return (
    <section className="card recused" aria-labelledby="recused-h">
      <h2 id="recused-h">You recused yourself from this interview</h2>
      {p.error ? (
        <p className="notice danger" role="alert">
          {p.error}
        </p>
      ) : null}
      <p>
        You declared a conflict of interest
        {p.declaredAt ? (
          <>
            {" "}
            on <LocalTime at={p.declaredAt} />
          </>
        ) : null}
        . This is final: your scorecard does not count towards the panel&apos;s scores and the panel&apos;s feedback on
        this candidate stays closed to you. The recruiter sees that you recused (not your note) and can reassign the
        interview.
      </p>
      {p.note ? (
        <blockquote className="coi-note" data-testid="conflict-note">
          {p.note}
        </blockquote>
      ) : null}
      <div className="row">
        <Link to="/interviews" className="btn">
          Back to my interviews
        </Link>
      </div>
    </section>
  );
}
