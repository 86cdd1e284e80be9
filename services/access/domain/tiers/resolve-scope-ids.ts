// Turns scope keys from a tier form into scope ids; any key not in the catalogue answers 422 naming it.
import { AppError } from "../../../common/http/app-error";
import type { TransactionClient } from "../context";

export async function resolveScopeIds(tx: TransactionClient, keys: readonly string[]): Promise<Map<string, string>> {
  const found = await tx.scope.findMany({ where: { key: { in: [...keys] } }, select: { id: true, key: true } });
  const ids = new Map(found.map((s) => [s.key, s.id]));
  const unknown = keys.filter((key) => !ids.has(key));
  if (unknown.length) {
    throw new AppError("validation-failed", "Some scopes are not in the catalogue.", {
      fieldErrors: { scopes: [`Unknown scope${unknown.length > 1 ? "s" : ""}: ${unknown.slice(0, 10).join(", ")}${unknown.length > 10 ? " …" : ""}.`] },
    });
  }
  return ids;
}
