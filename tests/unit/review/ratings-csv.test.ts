import fc from "fast-check";
import { describe, expect, it } from "vitest";

import { aggregateLoop } from "../../../app/domain/review/aggregate";
import {
  csvCell,
  csvFileSlug,
  NOT_ASSESSED,
  RATINGS_CSV_HEADER,
  ratingsCsvRows,
  toCsv,
} from "../../../app/domain/review/ratings-csv";
import { ADA, BEN, CY, DESIGN, LEADERSHIP, loop, notAssessed, rating, scorecard, uncounted } from "../../factories";

/** A small RFC 4180 parser, to check that what we write reads back as what we meant. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = "";
  let i = 0;
  let quoted = false;
  while (i < text.length) {
    const ch = text[i]!;
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        field += '"';
        i += 2;
        continue;
      }
      if (ch === '"') {
        quoted = false;
        i++;
        continue;
      }
      field += ch;
      i++;
      continue;
    }
    if (ch === '"' && field === "") {
      quoted = true;
      i++;
    } else if (ch === ",") {
      row.push(field);
      field = "";
      i++;
    } else if (ch === "\r" && text[i + 1] === "\n") {
      row.push(field);
      rows.push(row);
      row = [];
      field = "";
      i += 2;
    } else {
      field += ch;
      i++;
    }
  }
  if (field !== "" || row.length) {
    row.push(field);
    rows.push(row);
  }
  return rows;
}

describe("csvCell", () => {
  it("leaves plain text alone and quotes commas, quotes and line breaks", () => {
    expect(csvCell("plain text")).toBe("plain text");
    expect(csvCell("a,b")).toBe('"a,b"');
    expect(csvCell('say "hi"')).toBe('"say ""hi"""');
    expect(csvCell("line\nbreak")).toBe('"line\nbreak"');
    expect(csvCell("cr\rhere")).toBe('"cr\rhere"');
    expect(csvCell("")).toBe("");
    expect(csvCell(null)).toBe("");
    expect(csvCell(undefined)).toBe("");
  });

  it.each(["=1+1", "+SUM(A1)", "-2+3", "@cmd", "\tTAB", "\rCR"])("neutralises a formula-looking cell: %j", (v) => {
    const out = csvCell(v);
    const parsed = parseCsv(`${out}\r\n`)[0]?.[0];
    expect(parsed).toBe(`'${v}`);
  });

  it("neutralises and quotes at once", () => {
    expect(csvCell('=HYPERLINK("x","y")')).toBe('"\'=HYPERLINK(""x"",""y"")"');
  });

  it("writes numbers as numbers, even negative ones, and non-finite as empty", () => {
    expect(csvCell(3)).toBe("3");
    expect(csvCell(-1)).toBe("-1");
    expect(csvCell(Number.NaN)).toBe("");
  });

  it("round-trips any text through a strict parser (property)", () => {
    fc.assert(
      fc.property(
        fc.array(fc.array(fc.string(), { minLength: 1, maxLength: 5 }), { minLength: 1, maxLength: 5 }),
        (rows) => {
          const back = parseCsv(toCsv(rows));
          const expected = rows.map((r) => r.map((v) => (/^[=+\-@\t\r]/.test(v) ? `'${v}` : v)));
          expect(back).toEqual(expected);
        },
      ),
    );
  });
});

describe("toCsv", () => {
  it("separates records with CRLF and ends with one", () => {
    expect(
      toCsv([
        ["a", "b"],
        ["c", 1],
      ]),
    ).toBe("a,b\r\nc,1\r\n");
  });
});

describe("ratingsCsvRows", () => {
  const facts = { loopId: "loop-1", candidate: { name: "Grace, Jr.", email: "", currentTitle: "" } };

  it("writes one row per rating of submitted scorecards, 'not assessed' spelled out", () => {
    const agg = aggregateLoop(
      loop({
        scorecards: [
          scorecard(ADA, {
            ratings: [rating("arch", 4), notAssessed("data")],
            recommendation: "strong_hire",
            amendCount: 1,
          }),
          scorecard(BEN, {
            interviewId: LEADERSHIP.id,
            ratings: [rating("lead", 2, "=cmd|' /C calc'!A0")],
            recommendation: "no_hire",
          }),
          uncounted(CY, "draft"),
          uncounted(CY, "recused", { interviewId: LEADERSHIP.id }),
        ],
      }),
    );
    const rows = ratingsCsvRows(agg, facts);
    expect(rows[0]).toEqual([...RATINGS_CSV_HEADER]);
    expect(rows).toHaveLength(4);
    const [, ada1, ada2, ben] = rows;
    expect(ada1?.slice(0, 10)).toEqual([
      "loop-1",
      "Grace, Jr.",
      1,
      "System design",
      "Ada",
      "Strong hire",
      "arch",
      "ML system architecture",
      4,
      expect.any(String),
    ]);
    expect(ada1?.[11]).toBe("yes");
    expect(ada2?.[8]).toBe(NOT_ASSESSED);
    expect(ben?.slice(2, 9)).toEqual([
      2,
      "Leadership conversation",
      "Ben",
      "No hire",
      "lead",
      "Technical leadership",
      2,
    ]);
    const csv = toCsv(rows);
    expect(csv).toContain(`"Grace, Jr."`);
    expect(csv).toContain(`'=cmd|' /C calc'!A0`);
    expect(csv).not.toContain("Cy");
  });

  it("has only the header for a loop without submitted scorecards", () => {
    expect(ratingsCsvRows(aggregateLoop(loop({ interviews: [DESIGN] })), facts)).toHaveLength(1);
  });
});

describe("csvFileSlug", () => {
  it("makes ASCII file names", () => {
    expect(csvFileSlug("Ingrid Sørensen")).toBe("ingrid-sorensen");
    expect(csvFileSlug("Łukasz Wiśniewski")).toBe("lukasz-wisniewski");
    expect(csvFileSlug("Siobhán O'Connor")).toBe("siobhan-o-connor");
    expect(csvFileSlug('"; rm -rf /')).toBe("rm-rf");
    expect(csvFileSlug("陈伟")).toBe("candidate");
    expect(csvFileSlug("Þóra Æsa Weiß Đorđević")).toBe("thora-aesa-weiss-dordevic");
    expect(csvFileSlug("x".repeat(100))).toHaveLength(60);
    // bidi overrides and other invisible characters never reach a download name
    expect(csvFileSlug("Ann\u202Efdp.exe\u2066")).toBe("ann-fdp-exe");
  });
});
