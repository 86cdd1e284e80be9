import { describe, expect, it } from "vitest";
import { parseCsv } from "../imports/parse-csv";
import { csvCell, csvRow, toCsv } from "./csv";

describe("audit CSV", () => {
  it("quotes what RFC 4180 asks and ends rows with CRLF", () => {
    expect(csvRow(["a", "b,c", 'say "hi"', "two\nlines", null, 3])).toBe('a,"b,c","say ""hi""","two\nlines",,3\r\n');
  });

  it("keeps a spreadsheet from evaluating a cell as a formula", () => {
    expect(csvCell("=HYPERLINK(\"http://x\")")).toBe("\"'=HYPERLINK(\"\"http://x\"\")\"");
    expect(csvCell("+1")).toBe("'+1");
    expect(csvCell("-2+3")).toBe("'-2+3");
    expect(csvCell("@SUM(A1)")).toBe("'@SUM(A1)");
    expect(csvCell("\t=1")).toBe("'\t=1");
    expect(csvCell("Ada revoked a license")).toBe("Ada revoked a license");
  });
});

describe("formula-safe CSV", () => {
  it("prefixes every cell a spreadsheet would evaluate with an apostrophe", () => {
    for (const bad of ["=1+1", "+1", "-2", "@SUM(A1)", "\tx", "\rx", '=HYPERLINK("http://evil.example")']) expect(csvCell(bad).replace(/^"/, "").startsWith("'"), bad).toBe(true);
    expect(csvCell("Northwind Tutoring")).toBe("Northwind Tutoring");
    expect(csvCell("a-b")).toBe("a-b");
  });

  it("quotes per RFC 4180 and round-trips through the CSV parser", () => {
    const rows = [["a,b", 'say "hi"', "line\nbreak", " padded ", "=cmd"]];
    const text = toCsv(["one", "two", "three", "four", "five"], rows);
    expect(text.startsWith("\ufeff")).toBe(true);
    const parsed = parseCsv(text);
    expect(parsed.map((r) => r.fields)).toEqual([["one", "two", "three", "four", "five"], ["a,b", 'say "hi"', "line\nbreak", " padded ", "'=cmd"]]);
  });
});
