// Every CSV Tessera exports (the audit log, the record of disclosures): RFC 4180 (CRLF line ends;
// fields with a comma, quote, line break or edge spaces quoted; quotes doubled), safe to open in a
// spreadsheet: a cell that would start a formula (=, +, -, @, or a tab or carriage return; OWASP's
// "CSV injection") gets a leading apostrophe, so it is shown as text, never evaluated. Pure.

const formulaStart = /^[=+\-@\t\r]/;

export function csvCell(value: string | number | null | undefined): string {
  if (value === null || value === undefined) return "";
  let text = String(value);
  if (formulaStart.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) || text !== text.trim() ? `"${text.replace(/"/g, '""')}"` : text;
}

export function csvRow(cells: readonly (string | number | null | undefined)[]): string {
  return `${cells.map(csvCell).join(",")}\r\n`;
}

/** A whole document: the header and rows, with a byte-order mark so spreadsheets read UTF-8. */
export function toCsv(header: readonly string[], rows: readonly (readonly string[])[]): string {
  return `\ufeff${[header, ...rows].map(csvRow).join("")}`;
}
