// CSV a spreadsheet opens safely: RFC 4180 quoting, and any cell that a spreadsheet would read as a formula
// (starting with = + - @, a tab or a carriage return; OWASP's "CSV injection") is prefixed with an
// apostrophe, so a party name or purpose a component reported is shown as text, never evaluated.
const formulaStart = /^[=+\-@\t\r]/;

export function csvCell(value: string): string {
  const safe = formulaStart.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) || safe !== safe.trim() ? `"${safe.replaceAll('"', '""')}"` : safe;
}

/** Lines joined with CRLF (RFC 4180), with a byte-order mark so spreadsheets read UTF-8. */
export function toCsv(header: readonly string[], rows: readonly (readonly string[])[]): string {
  return `\ufeff${[header, ...rows].map((r) => r.map(csvCell).join(",")).join("\r\n")}\r\n`;
}
