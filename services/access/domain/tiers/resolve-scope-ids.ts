// Turns scope keys from a tier form into scope ids; any key not in the catalogue answers 422 naming it, and
// so does a retired scope (or one of a retired component) the tier does not already carry (`kept`).
import { AppError } from "../../../common/http/app-error";
import type { TransactionClient } from "../context";

export async function resolveScopeIds(tx: TransactionClient, keys: readonly string[], kept: readonly string[] = []): Promise<Map<string, string>> {
  const found = await tx.scope.findMany({ where: { key: { in: [...keys] } }, select: { id: true, key: true, retiredAt: true, component: { select: { retiredAt: true } } } });
  const retired = found.filter((s) => (s.retiredAt || s.component.retiredAt) && !kept.includes(s.key)).map((s) => s.key);
  if (retired.length) {
    throw new AppError("validation-failed", "Some scopes are retired.", {
      fieldErrors: { scopes: [`Retired, so no tier may newly grant ${retired.length > 1 ? "them" : "it"}: ${retired.slice(0, 10).join(", ")}${retired.length > 10 ? " …" : ""}.`] },
    });
  }
  const ids = new Map(found.map((s) => [s.key, s.id]));
  const unknown = keys.filter((key) => !ids.has(key));
  if (unknown.length) {
    throw new AppError("validation-failed", "Some scopes are not in the catalogue.", {
      fieldErrors: { scopes: [`Unknown scope${unknown.length > 1 ? "s" : ""}: ${unknown.slice(0, 10).join(", ")}${unknown.length > 10 ? " …" : ""}.`] },
    });
  }
  return ids;
}
