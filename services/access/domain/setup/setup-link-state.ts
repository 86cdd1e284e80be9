// Why a setup link can or cannot be used, as the web tier shows it.
import { AppError } from "../../../common/http/app-error";

export type SetupLinkRow = { usedAt: Date | null; revokedAt: Date | null; expiresAt: Date };

export function assertSetupLinkUsable(link: SetupLinkRow | null, now = new Date()): asserts link is SetupLinkRow {
  if (!link) throw new AppError("not-found", "This setup link is not valid.", { reason: "setup-link-invalid" });
  if (link.usedAt) throw new AppError("gone", "This setup link has already been used.", { reason: "setup-link-used" });
  if (link.revokedAt) throw new AppError("gone", "A newer setup link has replaced this one.", { reason: "setup-link-replaced" });
  if (link.expiresAt <= now) throw new AppError("gone", "This setup link has expired.", { reason: "setup-link-expired" });
}
