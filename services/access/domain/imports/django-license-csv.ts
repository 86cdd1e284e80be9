// The CSV export of the Django app's `License` table: a header row naming at least username, application,
// unique_id, license, active and expiration_date (any order, other columns such as id are ignored).
import { parseCsv } from "./parse-csv";

export const djangoLicenseColumns = ["username", "application", "unique_id", "license", "active", "expiration_date"] as const;
type Column = (typeof djangoLicenseColumns)[number];

/** One data row as exported, with the file line it starts on. */
export type DjangoLicenseRow = { line: number } & Record<Column, string>;

/** Rows whose field count differs from the header's are returned as problems, not dropped. */
export type DjangoLicenseCsv = { rows: DjangoLicenseRow[]; malformed: { line: number; uniqueId: string | null; message: string }[] };

export function parseDjangoLicenseCsv(text: string): DjangoLicenseCsv {
  const [header, ...records] = parseCsv(text);
  if (!header) throw new Error("The CSV file is empty; expected a header row and one row per license.");
  const names = header.fields.map((name) => name.trim().toLowerCase());
  const missing = djangoLicenseColumns.filter((c) => !names.includes(c));
  if (missing.length > 0) {
    throw new Error(`The CSV header (line ${header.line}) lacks the column(s) ${missing.join(", ")}; expected ${djangoLicenseColumns.join(",")}.`);
  }
  const index = Object.fromEntries(djangoLicenseColumns.map((c) => [c, names.indexOf(c)])) as Record<Column, number>;
  const result: DjangoLicenseCsv = { rows: [], malformed: [] };
  for (const record of records) {
    if (record.fields.length !== names.length) {
      const uniqueId = record.fields[index.unique_id]?.trim() || null;
      result.malformed.push({ line: record.line, uniqueId, message: `has ${record.fields.length} fields where the header has ${names.length}` });
      continue;
    }
    const row = { line: record.line } as DjangoLicenseRow;
    for (const c of djangoLicenseColumns) row[c] = c === "license" ? record.fields[index[c]] : record.fields[index[c]].trim();
    result.rows.push(row);
  }
  return result;
}
