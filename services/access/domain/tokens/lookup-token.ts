// A platform administrator's lookup of a leaked token by what they pasted: a whole token is checked by its
// checksum before anything is read, then found by its keyed digest; a display prefix finds every token
// showing it. Every lookup is audited (lookup-audit.ts): found, not found or malformed. The pasted text
// goes nowhere else: not into an error, an event or a log line.
import { lookupTokenRequest, type LookupTokenResponse } from "../../../../contracts/token-leak-api";
import { AppError } from "../../../common/http/app-error";
import { parseInput } from "../../../common/http/parse";
import type { Actor } from "../actors/actor";
import { tenantScope } from "../actors/actor";
import type { AccessContext, RequestMeta } from "../context";
import { recordLookup, type MalformedReason } from "./lookup-audit";
import { digestToken, isWellFormedToken, tokenDisplayPrefix, tokenLength, tokenPrefix } from "./token-format";
import { toTokenListRows, tokenListSelect } from "./token-list-rows";

/** "tsr_" and 8 base62 characters, as lists show it (a trailing ellipsis is allowed: it is copied from a table). */
const displayPrefixPattern = new RegExp(`^${tokenPrefix}[0-9A-Za-z]{8}(?:…|\\.\\.\\.)?$`);
/** At most this many matches are answered (and audited, each in its tenant's log). */
const shownMatches = 20;
const notFound = () => new AppError("not-found", "No token has this value.", { reason: "not-found" });

function refused(reason: MalformedReason, sentence: string): AppError {
  return new AppError("validation-failed", sentence, { reason, fieldErrors: { value: [sentence] } });
}

export type LookupKind = { by: "token"; digest: string } | { by: "prefix"; displayPrefix: string };

/** What the pasted text is, without any lookup (422 when it is neither a whole token nor a prefix). */
export function classifyPasted(digestKey: Buffer, value: string): LookupKind {
  const text = value.trim();
  if (displayPrefixPattern.test(text)) return { by: "prefix", displayPrefix: tokenDisplayPrefix(text) };
  if (!text.startsWith(tokenPrefix)) throw refused("not-a-token", `This is not a Tessera token: tokens start with ${tokenPrefix}.`);
  if (text.length !== tokenLength) throw refused("wrong-length", `A whole token is ${tokenLength} characters long and a prefix is 12; this is ${text.length}. Copy it again.`);
  if (!isWellFormedToken(text)) throw refused("checksum-mismatch", "Its checksum does not match: a character is wrong or missing. Copy the token again.");
  return { by: "token", digest: digestToken(digestKey, text) };
}

/** `body` as received: a body that is not `{ value }` is a malformed lookup too, and audited as one. */
export async function lookupToken(ctx: AccessContext, actor: Actor, body: unknown, meta: RequestMeta): Promise<LookupTokenResponse> {
  let kind: LookupKind;
  try {
    kind = classifyPasted(ctx.keys.secretDigest, parseInput(lookupTokenRequest, body).value);
  } catch (error) {
    if (error instanceof AppError) await recordLookup(ctx.prisma, actor, meta, { result: "malformed", reason: (error.extra.reason as MalformedReason | undefined) ?? "invalid-request" });
    throw error;
  }
  const where = kind.by === "token" ? { digest: kind.digest } : { displayPrefix: kind.displayPrefix };
  const scoped = { ...where, ...tenantScope(actor) };
  const rows = await ctx.prisma.token.findMany({ where: scoped, orderBy: [{ createdAt: "desc" }, { id: "desc" }], take: shownMatches, select: tokenListSelect });
  const matches = await toTokenListRows(ctx.prisma, rows, new Date());
  // How many matched in all, for the audit trail (a prefix shared by more tokens than are shown).
  const matched = rows.length < shownMatches ? rows.length : await ctx.prisma.token.count({ where: scoped });
  await recordLookup(ctx.prisma, actor, meta, matches.length ? { result: "found", by: kind.by, matches, matched } : { result: "not-found", by: kind.by });
  if (!matches.length) throw notFound();
  return { by: kind.by, matches };
}
