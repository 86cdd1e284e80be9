// CSV as RFC 4180 says (CRLF line ends, fields with a comma, quote or line break quoted, quotes
// doubled), safe to open in a spreadsheet: a cell that would start a formula (=, +, -, @, or a tab or
// carriage return before one) gets a leading apostrophe, so it is shown as text, never evaluated. Pure.

const formulaStart = /^[=+\-@\t\r]/;

export function csvCell(value: string | number | null | undefined): string {
  if (value === null || value === undefined) return "";
  let text = String(value);
  if (formulaStart.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function csvRow(cells: Array<string | number | null | undefined>): string {
  return `${cells.map(csvCell).join(",")}\r\n`;
}
