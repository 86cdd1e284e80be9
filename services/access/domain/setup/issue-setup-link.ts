// While no platform administrator exists, issues a fresh single-use setup link (replacing older ones).
import { recordEvent } from "../../outbox/record-event";
import type { AccessContext } from "../context";
import { newId } from "../secrets/ids";
import { createSecret, digestSecret } from "../secrets/opaque-secret";

export async function issueSetupLinkIfNeeded(ctx: AccessContext): Promise<{ url: string; expiresAt: Date } | null> {
  return ctx.prisma.$transaction(async (tx) => {
    await tx.$executeRaw`select pg_advisory_xact_lock(7202)`;
    if (await tx.user.count({ where: { role: "platform_admin" } })) return null;
    const now = new Date();
    await tx.setupLink.updateMany({ where: { usedAt: null, revokedAt: null }, data: { revokedAt: now } });
    const token = createSecret("setup");
    const link = await tx.setupLink.create({
      data: {
        id: newId("stp"),
        tokenDigest: digestSecret(ctx.keys.secretDigest, token),
        expiresAt: new Date(now.getTime() + ctx.settings.setupLinkMinutes * 60_000),
      },
    });
    await recordEvent(tx, {
      action: "setup.link_issue",
      outcome: "success",
      actor: { type: "service", id: "access", label: "access service start" },
      target: { type: "setup_link", id: link.id },
      tenantId: null,
      sourceIp: null,
      requestId: null,
      data: { expiresAt: link.expiresAt.toISOString() },
    });
    return { url: `${ctx.settings.publicUrl.replace(/\/$/, "")}/setup/${token}`, expiresAt: link.expiresAt };
  });
}
