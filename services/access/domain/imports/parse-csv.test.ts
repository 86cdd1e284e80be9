// CSV as Python's csv module and PostgreSQL write it, with the line each record starts on.
import { describe, expect, it } from "vitest";
import { CsvSyntaxError, decodeUtf8Csv, parseCsv } from "./parse-csv";

describe("parseCsv", () => {
  it("reads quoted fields with commas, doubled quotes and newlines, CRLF or LF, and numbers lines", () => {
    const text = '\ufeffa,b,c\r\n1,"x, ""y""",\r\n2,"multi\r\nline",z\n3,plain,"end"\r\n\r\n';
    expect(parseCsv(text)).toEqual([
      { line: 1, fields: ["a", "b", "c"] },
      { line: 2, fields: ["1", 'x, "y"', ""] },
      { line: 3, fields: ["2", "multi\r\nline", "z"] },
      { line: 5, fields: ["3", "plain", "end"] },
    ]);
    expect(parseCsv("a,b")).toEqual([{ line: 1, fields: ["a", "b"] }]);
    expect(parseCsv('""')).toEqual([{ line: 1, fields: [""] }]);
  });

  it("names the line of a quote never closed or text after a closing quote", () => {
    expect(() => parseCsv('a\n"open,b\nc')).toThrow(new CsvSyntaxError(2, "a quoted field is never closed"));
    expect(() => parseCsv('a\n"x"y,b')).toThrow(/line 2: text after a closing quote/);
  });
});

describe("decodeUtf8Csv", () => {
  it("decodes UTF-8 and refuses other bytes, naming the line, instead of importing U+FFFD", () => {
    expect(decodeUtf8Csv(Buffer.from("username\nJosé\n", "utf8"))).toBe("username\nJosé\n");
    // Latin-1 "José" (0xE9 alone is no UTF-8) on line 3.
    const latin1 = Buffer.concat([Buffer.from("username\nada\nJos"), Buffer.from([0xe9]), Buffer.from("\n")]);
    expect(() => decodeUtf8Csv(latin1)).toThrow("The file is not UTF-8 text (the first bytes that are not UTF-8 are on line 3); export it again as UTF-8.");
  });
});
