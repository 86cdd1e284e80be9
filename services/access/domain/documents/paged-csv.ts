// A table's whole selection as CSV, read one keyset page at a time so memory holds one page whatever the
// size; every cell goes through csv.ts (formula-safe). The page reader is the table's own list function,
// so an export shows exactly what the table does (its tenant scope and filters included).
import type { DownloadChunk } from "./audited-export";
import { csvRow } from "./csv";

type Cell = string | number | null | undefined;
export type PageReader<T> = (cursor: string | undefined) => Promise<{ rows: T[]; nextCursor: string | null }>;

export const exportPageSize = 100;

export async function* pagedCsv<T>(header: readonly string[], readPage: PageReader<T>, cells: (row: T) => readonly Cell[]): AsyncGenerator<DownloadChunk> {
  yield { text: `\ufeff${csvRow(header)}`, rows: 0 };
  let cursor: string | undefined;
  for (;;) {
    const page = await readPage(cursor);
    if (page.rows.length) yield { text: page.rows.map((row) => csvRow(cells(row))).join(""), rows: page.rows.length };
    if (!page.nextCursor) return;
    cursor = page.nextCursor;
  }
}
