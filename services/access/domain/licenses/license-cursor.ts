// Opaque keyset cursors for the license list: the sort they belong to and the last row's sort key.
import { z } from "zod";
import { licenseStatuses, type LicenseSortField, type LicenseStatus } from "../../../../contracts/license-api";
import { AppError } from "../../../common/http/app-error";

/** The last row's values of the sort key, in ORDER BY order (the license id always last). */
export type CursorKey = string[];

const cursorShape = z.object({ s: z.string(), o: z.enum(["asc", "desc"]), k: z.array(z.string().max(400)).min(2).max(3) });
const keyLength: Record<LicenseSortField, number> = { createdAt: 2, endsAt: 2, status: 3, tenant: 3 };

const latestTime = Date.UTC(9999, 11, 31, 23, 59, 59, 999);
const isStorableTime = (text: string) => {
  const t = Date.parse(text);
  return Number.isFinite(t) && t >= 0 && t <= latestTime;
};

export function encodeCursor(sort: LicenseSortField, order: "asc" | "desc", key: CursorKey): string {
  return Buffer.from(JSON.stringify({ s: sort, o: order, k: key })).toString("base64url");
}

export function decodeCursor(cursor: string, sort: LicenseSortField, order: "asc" | "desc"): CursorKey {
  const invalid = () =>
    new AppError("validation-failed", "The page cursor is not valid for this list; start from the first page.", { fieldErrors: { cursor: ["Not a valid cursor for this sort."] } });
  let raw: unknown;
  try {
    raw = JSON.parse(Buffer.from(cursor, "base64url").toString("utf8"));
  } catch {
    throw invalid();
  }
  const parsed = cursorShape.safeParse(raw);
  if (!parsed.success || parsed.data.s !== sort || parsed.data.o !== order || parsed.data.k.length !== keyLength[sort]) throw invalid();
  const k = parsed.data.k;
  // Timestamps must parse to years PostgreSQL takes (JavaScript accepts ±275760), or the query would fail with a 500.
  if ((sort === "createdAt" || sort === "endsAt") && !isStorableTime(k[0])) throw invalid();
  if (sort === "status" && (!licenseStatuses.includes(k[0] as LicenseStatus) || !isStorableTime(k[1]))) throw invalid();
  return k;
}
