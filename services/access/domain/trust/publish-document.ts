// Publishes a new version of a trust document (platform administrators, trust.write), audited. A material
// change of the privacy policy or the subprocessors takes effect no sooner than the notice period
// (POLICY_NOTICE_DAYS) from now and is announced to every district (C.R.S. 22-16-108(2)).
import { noticeKinds, type publishDocumentRequest } from "../../../../contracts/trust-api";
import type { z } from "zod";
import { AppError } from "../../../common/http/app-error";
import type { Actor } from "../actors/actor";
import { personAuthor } from "../catalogue/change-author";
import type { AccessContext, RequestMeta } from "../context";
import { insertDocumentVersion } from "./insert-document-version";
import { toDocumentDto } from "./trust-dto";

const day = 24 * 60 * 60 * 1000;

export async function publishDocument(ctx: AccessContext, actor: Actor, input: z.output<typeof publishDocumentRequest>, meta: RequestMeta) {
  const now = ctx.now();
  const kind = input.content.kind;
  const noticeKind = (noticeKinds as readonly string[]).includes(kind);
  if (input.material && !noticeKind) {
    throw new AppError("validation-failed", "Only a change of the privacy policy or the subprocessors is announced as material.", { fieldErrors: { material: ["Material notices are for the privacy policy and the subprocessors."] } });
  }
  const effectiveAt = input.effectiveAt ? new Date(input.effectiveAt) : now;
  if (input.material) {
    const earliest = new Date(now.getTime() + ctx.settings.policyNoticeDays * day);
    if (effectiveAt < earliest) {
      throw new AppError("validation-failed", `A material change takes effect at least ${ctx.settings.policyNoticeDays} days after it is announced.`, {
        fieldErrors: { effectiveAt: [`Choose ${earliest.toISOString().slice(0, 10)} or later.`] },
      });
    }
  } else if (effectiveAt.getTime() < now.getTime() - 60_000) {
    throw new AppError("validation-failed", "A new version cannot take effect in the past.", { fieldErrors: { effectiveAt: ["Choose now or a later time."] } });
  }
  const { row, announcedTo } = await ctx.prisma.$transaction((tx) =>
    insertDocumentVersion(tx, { content: input.content, summary: input.summary, material: input.material, effectiveAt }, actor.userId, personAuthor(actor, meta)),
  );
  return { document: toDocumentDto(row), announcedTo };
}
