// The review page's markup, rendered on the server from the loader's real data (issue 17's small
// fixes): a split (disagreement) column of the heatmap still prints its weight, and the recused
// panelist's line reads as one sentence, never ending in "..".
import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { beforeAll, describe, expect, it } from "vitest";

import { Heatmap } from "../../app/components/review/heatmap";
import { PanelOverview } from "../../app/components/review/sections";
import type { LoopAggregate } from "../../app/domain/review/types";
import { loader as pageLoaderFn } from "../../app/routes/loops.$id._index";

import { call, createTestUser, freshDatabase, get, seedRubricV1, type TestUser } from "./harness";
import { buildLoop, handler } from "./review-fixtures";

let hm: TestUser;
let aggregate: LoopAggregate;

/** The text a reader gets from server-rendered markup: tags dropped, entities and spaces folded. */
function textOf(html: string): string {
  return html
    .replace(/<[^>]+>/g, " ")
    .replace(/&#x27;|&#39;/g, "'")
    .replace(/&quot;/g, '"')
    .replace(/&amp;/g, "&")
    .replace(/\s+/g, " ");
}

beforeAll(async () => {
  freshDatabase();
  const { versionId } = seedRubricV1();
  hm = createTestUser("member", "Hana Manager");
  const scores = { ml_system_architecture: 3, communication: 3 } as const;
  const { loopId } = buildLoop({
    versionId,
    hiringManagerId: hm.id,
    interviews: [
      {
        exercise: "architecture_case_study",
        panel: [
          // 1 and 4 on cloud platform: a split column
          { panelistId: createTestUser("member", "Ann Low").id, scores: { ...scores, cloud_platform: 1 } },
          { panelistId: createTestUser("member", "Ben High").id, scores: { ...scores, cloud_platform: 4 } },
          {
            panelistId: createTestUser("member", "Cleo Recused").id,
            status: "recused",
            recommendation: null,
            // a note that already ends a sentence: no second period may be added after it
            conflictNote: "I managed the candidate until last year.",
          },
        ],
      },
    ],
  });
  const r = await call(handler(pageLoaderFn), get(`/loops/${loopId}`, hm), { id: loopId });
  expect(r.status).toBe(200);
  aggregate = (r.data as { aggregate: LoopAggregate }).aggregate;
});

describe("the review page's markup", () => {
  it("prints the weight of every heatmap column, split columns included", () => {
    const split = aggregate.dimensions.filter((d) => d.disagreement);
    expect(split.map((d) => d.key)).toEqual(["cloud_platform"]);
    const svg = textOf(renderToStaticMarkup(createElement(Heatmap, { aggregate })));
    for (const d of aggregate.dimensions.filter((x) => x.count > 0)) {
      expect(d.weight, d.key).toBeGreaterThan(0);
      expect(svg, d.key).toContain(d.disagreement ? `▲ split · ${d.weight}%` : ` ${d.weight}% `);
    }
  });

  it("says a panelist recused in one sentence that never ends in '..'", () => {
    const text = textOf(renderToStaticMarkup(createElement(PanelOverview, { aggregate })));
    expect(text).toContain("Cleo Recused");
    expect(text).toContain("Declared a conflict of interest.");
    expect(text).not.toMatch(/\.\s*\./);
  });
});
