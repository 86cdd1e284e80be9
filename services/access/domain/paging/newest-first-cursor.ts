// Keyset pages of rows listed newest first by a time column, ties broken by id (also descending): the
// cursor names the last row shown (its time and id, base64url JSON), and the next page is every row
// strictly after it in that order. One shape and one error for every such list (tokens, incidents,
// activations), so a cursor is refused the same way wherever it is pasted.
import { z } from "zod";
import { AppError } from "../../../common/http/app-error";

const cursorShape = z.strictObject({ t: z.iso.datetime(), i: z.string().min(1).max(64) });

export type NewestFirstKey = { at: Date; id: string };

export function encodeNewestFirstCursor(at: Date, id: string): string {
  return Buffer.from(JSON.stringify({ t: at.toISOString(), i: id })).toString("base64url");
}

export function decodeNewestFirstCursor(cursor: string): NewestFirstKey {
  let decoded: unknown = null;
  try {
    decoded = JSON.parse(Buffer.from(cursor, "base64url").toString("utf8"));
  } catch {
    decoded = null;
  }
  const parsed = cursorShape.safeParse(decoded);
  if (!parsed.success) {
    throw new AppError("validation-failed", "The page cursor is not valid; start from the first page.", { fieldErrors: { cursor: ["Not a valid cursor."] } });
  }
  return { at: new Date(parsed.data.t), id: parsed.data.i };
}

/** The `where` of the rows after the cursor's row, newest first by `field` then id. */
export function newestFirstAfter<F extends string>(field: F, cursor: string) {
  const { at, id } = decodeNewestFirstCursor(cursor);
  return { OR: [{ [field]: { lt: at } } as Record<F, { lt: Date }>, { [field]: at, id: { lt: id } } as Record<F, Date> & { id: { lt: string } }] };
}

/** The page to show of `limit + 1` rows fetched, and the cursor of the next page (null on the last). */
export function newestFirstPage<R extends { id: string }>(rows: R[], limit: number, timeOf: (row: R) => Date): { page: R[]; nextCursor: string | null } {
  const page = rows.slice(0, limit);
  const last = page.at(-1);
  return { page, nextCursor: rows.length > limit && last ? encodeNewestFirstCursor(timeOf(last), last.id) : null };
}
