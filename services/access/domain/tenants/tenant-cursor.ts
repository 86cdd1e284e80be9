// Keyset pagination over tenants sorted by (name, id): the cursor is the last row's sort key, opaque to
// clients. A cursor that does not decode is a client error, never a 500.
import { z } from "zod";
import { plainText, recordId } from "../../../../contracts/tenant-api";
import { AppError } from "../../../common/http/app-error";

const cursorShape = z.tuple([plainText(500), recordId("ten")]);

export type TenantCursor = { name: string; id: string };

export function encodeTenantCursor(row: TenantCursor): string {
  return Buffer.from(JSON.stringify([row.name, row.id])).toString("base64url");
}

export function decodeTenantCursor(cursor: string): TenantCursor {
  let decoded: unknown;
  try {
    decoded = JSON.parse(Buffer.from(cursor, "base64url").toString("utf8"));
  } catch {
    decoded = null;
  }
  const parsed = cursorShape.safeParse(decoded);
  if (!parsed.success) throw new AppError("validation-failed", "The page cursor is not valid.", { fieldErrors: { cursor: ["Start again from the first page."] } });
  return { name: parsed.data[0], id: parsed.data[1] };
}
