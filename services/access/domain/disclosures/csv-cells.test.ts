import { describe, expect, it } from "vitest";
import { parseCsv } from "../imports/parse-csv";
import { csvCell, toCsv } from "./csv-cells";

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
