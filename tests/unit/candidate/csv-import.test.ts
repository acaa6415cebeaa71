import fc from "fast-check";
import { describe, expect, it } from "vitest";

import { CSV_TEMPLATE, detectDelimiter, parseCsv, previewCandidateCsv } from "../../../app/domain/candidate/csv-import";

describe("parseCsv", () => {
  it("parses quoted fields with separators, doubled quotes and line breaks", () => {
    const r = parseCsv('name,notes\r\n"Hart, Amelia","said ""hi""\nthen left"\r\nBo,plain\r\n');
    expect(r.error).toBeNull();
    expect(r.records).toEqual([
      ["name", "notes"],
      ["Hart, Amelia", 'said "hi"\nthen left'],
      ["Bo", "plain"],
    ]);
    // the third record starts on physical line 4 (the quoted newline used line 3)
    expect(r.lines).toEqual([1, 2, 4]);
  });

  it("strips a UTF-8 byte-order mark and accepts LF, CRLF and CR line ends", () => {
    for (const nl of ["\n", "\r\n", "\r"]) {
      const r = parseCsv(`\uFEFFname,email${nl}Zoë,z@example.com${nl}`);
      expect(r.records).toEqual([
        ["name", "email"],
        ["Zoë", "z@example.com"],
      ]);
    }
  });

  it("skips blank lines, keeps empty fields and a missing final newline", () => {
    expect(parseCsv("a,b\n\n1,\n,2").records).toEqual([
      ["a", "b"],
      ["1", ""],
      ["", "2"],
    ]);
    expect(parseCsv('a\n""').records).toEqual([["a"], [""]]);
  });

  it("reports an unterminated quote with its line", () => {
    const r = parseCsv('name\nok\n"broken, field\nmore');
    expect(r.error).toMatch(/line 3/);
  });

  it("detects semicolon- and tab-separated files", () => {
    expect(detectDelimiter("name;email;notes\nA;b;c")).toBe(";");
    expect(detectDelimiter("name\temail\nA\tb")).toBe("\t");
    expect(detectDelimiter('"a;b",c\n')).toBe(",");
    expect(parseCsv("name;email\nKeiko;k@example.com").records[1]).toEqual(["Keiko", "k@example.com"]);
  });

  it("round-trips any table written with RFC 4180 quoting", () => {
    const cell = fc.string({ maxLength: 12 }).map((s) => s.replace(/\r/g, ""));
    fc.assert(
      fc.property(fc.array(fc.array(cell, { minLength: 2, maxLength: 2 }), { minLength: 1, maxLength: 6 }), (rows) => {
        const table = [["h1", "h2"], ...rows];
        const csv = table.map((r) => r.map((c) => `"${c.replace(/"/g, '""')}"`).join(",")).join("\r\n");
        const parsed = parseCsv(csv, ",");
        expect(parsed.error).toBeNull();
        expect(parsed.records).toEqual(table);
      }),
      { numRuns: 200 },
    );
  });
});

describe("previewCandidateCsv", () => {
  it("accepts the template file", () => {
    const p = previewCandidateCsv(CSV_TEMPLATE);
    expect(p.ok).toBe(true);
    expect(p.rows).toHaveLength(1);
    expect(p.rows[0]!.value).toMatchObject({
      name: "Amelia Hart",
      currentTitle: "Staff ML Engineer, Finch Bank",
      links: ["https://www.linkedin.com/in/example-amelia"],
    });
  });

  it("maps header spellings case-, accent- and separator-insensitively and notes ignored columns", () => {
    const p = previewCandidateCsv("Full Name;E-Mail;Job_Title;Salary\nŁukasz Wiśniewski;LW@Example.com;Architect;100");
    expect(p.columns.map((c) => c.field)).toEqual(["name", "email", "currentTitle", null]);
    expect(p.notices[0]).toMatch(/Salary/);
    expect(p.ok).toBe(true);
    expect(p.rows[0]!.value).toMatchObject({
      name: "Łukasz Wiśniewski",
      email: "lw@example.com",
      currentTitle: "Architect",
    });
  });

  it("keeps unicode names intact (CJK, Cyrillic, combining marks, emoji)", () => {
    const names = ["陈伟", "Дмитрий Волков", "Siobhán O'Connor", "Zoe\u0308 Lefe\u0300vre", "Ana 🌟 Ruiz"];
    const p = previewCandidateCsv(`name\n${names.map((n) => `"${n}"`).join("\n")}\n`);
    expect(p.ok).toBe(true);
    expect(p.rows.map((r) => r.value!.name)).toEqual(names);
  });

  it("reports errors per row with spreadsheet row numbers and refuses the whole file", () => {
    const csv = [
      "name,email,links",
      "Good One,good@example.com,https://example.com/a",
      ",nobody@example.com,",
      "Bad Mail,not-an-email,",
      "Bad Link,bl@example.com,ftp://example.com",
      "Dup,GOOD@example.com,",
    ].join("\n");
    const p = previewCandidateCsv(csv);
    expect(p.ok).toBe(false);
    expect(p.errorCount).toBe(4);
    const byRow = Object.fromEntries(p.rows.map((r) => [r.rowNumber, r.errors]));
    expect(byRow[2]).toEqual({});
    expect(byRow[3]!.name![0]).toMatch(/name/);
    expect(byRow[4]!.email![0]).toMatch(/valid email/);
    expect(byRow[5]!.links![0]).toMatch(/https/);
    expect(byRow[6]!.email![0]).toBe("Same email as row 2.");
    expect(p.rows.find((r) => r.rowNumber === 3)!.value).toBeNull();
  });

  it("refuses emails that already belong to a candidate", () => {
    const p = previewCandidateCsv("name,email\nKeiko,keiko@example.com", {
      existingEmails: new Set(["keiko@example.com"]),
    });
    expect(p.ok).toBe(false);
    expect(p.rows[0]!.errors.email).toEqual(["A candidate with this email already exists."]);
  });

  it("flags rows with more cells than the header (an unquoted comma)", () => {
    const p = previewCandidateCsv("name,title\nAmelia Hart,Staff Engineer, Finch Bank");
    expect(p.ok).toBe(false);
    expect(p.rows[0]!.errors._row![0]).toMatch(/3 cells/);
  });

  it("has file-level errors for a missing name column, an empty file, too many rows, duplicate columns", () => {
    expect(previewCandidateCsv("email\na@example.com").fileErrors[0]).toMatch(/name/);
    expect(previewCandidateCsv("").fileErrors).toEqual(["The file is empty."]);
    expect(previewCandidateCsv("name\n").fileErrors[0]).toMatch(/no candidates/);
    expect(previewCandidateCsv("name\na\nb\nc", { maxRows: 2 }).fileErrors[0]).toMatch(/at most 2/);
    expect(previewCandidateCsv("name,title,position\na,b,c").fileErrors[0]).toMatch(/Two columns/);
    expect(previewCandidateCsv("name\u0000\n").fileErrors[0]).toMatch(/binary/);
  });

  it("skips all-empty rows but keeps row numbers", () => {
    const p = previewCandidateCsv("name,email\n,\nAda,\n");
    expect(p.rows.map((r) => r.rowNumber)).toEqual([3]);
  });

  it("splits links on spaces, newlines and semicolons", () => {
    const p = previewCandidateCsv(
      'name,links\nAda,"https://a.example.com/x https://b.example.com\nhttps://c.example.com"',
    );
    expect(p.rows[0]!.value!.links).toHaveLength(3);
  });
});
