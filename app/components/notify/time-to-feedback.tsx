import { Form } from "@remix-run/react";
import { ScrollRegion } from "../ui/primitives";

export interface TimeToFeedbackView {
  days: number;
  periods: readonly number[];
  overall: { count: number; median: number; p90: number } | null;
  interviewers: { panelistId: string; panelistName: string; count: number; median: number; p90: number }[];
}

/** Median and 90th-percentile hours from interview end to submission, overall and per interviewer. */
export function TimeToFeedback({ view }: { view: TimeToFeedbackView }) {
  return (
    <section aria-labelledby="ttf-h" className="card flush-table" data-testid="time-to-feedback">
      <div className="section-head">
        <h2 id="ttf-h">Time to feedback</h2>
        <Form method="get" className="row" preventScrollReset>
          <label htmlFor="ttf-days" className="small">
            Submitted in the last
          </label>
          <select id="ttf-days" name="ttf" defaultValue={String(view.days)}>
            {view.periods.map((d) => (
              <option key={d} value={d}>
                {d} days
              </option>
            ))}
          </select>
          <button type="submit" className="btn small">
            Show
          </button>
        </Form>
      </div>
      {view.overall === null ? (
        <p className="empty">No scorecard was submitted in this period.</p>
      ) : (
        <ScrollRegion label="Time to feedback">
          <table className="list-table">
            <caption className="sr-only">Hours from interview end to submitted scorecard</caption>
            <thead>
              <tr>
                <th scope="col">Interviewer</th>
                <th scope="col" className="num">
                  Scorecards
                </th>
                <th scope="col" className="num">
                  Median (h)
                </th>
                <th scope="col" className="num">
                  90th percentile (h)
                </th>
              </tr>
            </thead>
            <tbody>
              <tr>
                <th scope="row">Everyone</th>
                <td className="num">{view.overall.count}</td>
                <td className="num" data-testid="ttf-median">
                  {view.overall.median}
                </td>
                <td className="num" data-testid="ttf-p90">
                  {view.overall.p90}
                </td>
              </tr>
              {view.interviewers.map((i) => (
                <tr key={i.panelistId}>
                  <td>{i.panelistName}</td>
                  <td className="num">{i.count}</td>
                  <td className="num">{i.median}</td>
                  <td className="num">{i.p90}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </ScrollRegion>
      )}
    </section>
  );
}
