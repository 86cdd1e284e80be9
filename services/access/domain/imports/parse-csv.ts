// RFC 4180 CSV as Python's csv module and PostgreSQL's COPY … CSV write it: comma-separated, fields
// quoted with " when needed ("" inside), CRLF or LF line ends, newlines allowed inside quoted fields.
// Each record keeps the file line it starts on, so errors can name it.

export type CsvRecord = { line: number; fields: string[] };

export class CsvSyntaxError extends Error {
  constructor(readonly line: number, message: string) {
    super(`line ${line}: ${message}`);
    this.name = "CsvSyntaxError";
  }
}

/**
 * The file's bytes as text, refusing what is not UTF-8 rather than turning it into U+FFFD (which would
 * import a mangled name). Excel's byte-order mark is dropped.
 */
export function decodeUtf8Csv(bytes: Uint8Array): string {
  try {
    return new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    const lenient = new TextDecoder("utf-8").decode(bytes);
    const line = lenient.slice(0, lenient.indexOf("\ufffd")).split("\n").length;
    throw new Error(`The file is not UTF-8 text (the first bytes that are not UTF-8 are on line ${line}); export it again as UTF-8.`);
  }
}

export function parseCsv(text: string): CsvRecord[] {
  const input = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text; // Excel's byte-order mark
  const records: CsvRecord[] = [];
  let fields: string[] = [];
  let field = "";
  let line = 1;
  let recordLine = 1;
  let i = 0;
  let quotedField = false;
  const endField = () => {
    fields.push(field);
    field = "";
    quotedField = false;
  };
  const endRecord = () => {
    const blank = fields.length === 0 && field === "" && !quotedField;
    endField();
    // A blank line is no record (the trailing newline of the file, or a stray empty line).
    if (!blank) records.push({ line: recordLine, fields });
    fields = [];
  };
  while (i < input.length) {
    const c = input[i];
    if (c === '"' && field === "" && !quotedField) {
      const start = line;
      i++;
      for (;;) {
        if (i >= input.length) throw new CsvSyntaxError(start, "a quoted field is never closed");
        if (input[i] === '"') {
          if (input[i + 1] === '"') {
            field += '"';
            i += 2;
            continue;
          }
          i++;
          break;
        }
        if (input[i] === "\n") line++;
        field += input[i++];
      }
      quotedField = true;
      if (i < input.length && input[i] !== "," && input[i] !== "\n" && input[i] !== "\r") {
        throw new CsvSyntaxError(line, "text after a closing quote");
      }
      continue;
    }
    if (c === ",") {
      endField();
      i++;
    } else if (c === "\r" || c === "\n") {
      endRecord();
      i += c === "\r" && input[i + 1] === "\n" ? 2 : 1;
      line++;
      recordLine = line;
    } else {
      if (quotedField) throw new CsvSyntaxError(line, "text after a closing quote");
      field += c;
      i++;
    }
  }
  if (field !== "" || fields.length > 0 || quotedField) endRecord();
  return records;
}
