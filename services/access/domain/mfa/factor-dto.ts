// A second factor as the Security page sees it: never its secret or its last time step.
import type { z } from "zod";
import type { secondFactorDto } from "../../../../contracts/mfa-api";

export function toFactorDto(f: { id: string; kind: string; label: string; createdAt: Date; lastUsedAt: Date | null }): z.infer<typeof secondFactorDto> {
  return { id: f.id, kind: f.kind === "passkey" ? "passkey" : "totp", label: f.label, createdAt: f.createdAt.toISOString(), lastUsedAt: f.lastUsedAt?.toISOString() ?? null };
}
