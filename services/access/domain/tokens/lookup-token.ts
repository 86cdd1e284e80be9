// A platform administrator's lookup of a leaked token by what they pasted: a whole token is checked by its
// checksum before anything is read, then found by its keyed digest; a display prefix finds every token
// showing it. The pasted text goes nowhere else: not into an error, an event or a log line.
import type { LookupTokenResponse } from "../../../../contracts/token-leak-api";
import { AppError } from "../../../common/http/app-error";
import type { Actor } from "../actors/actor";
import { tenantScope } from "../actors/actor";
import type { AccessContext } from "../context";
import { digestToken, isWellFormedToken, tokenDisplayPrefix, tokenLength, tokenPrefix } from "./token-format";
import { toTokenListRows, tokenListSelect } from "./token-list-rows";

/** "tsr_" and 8 base62 characters, as lists show it (a trailing ellipsis is allowed: it is copied from a table). */
const displayPrefixPattern = new RegExp(`^${tokenPrefix}[0-9A-Za-z]{8}(?:…|\\.\\.\\.)?$`);
const notFound = () => new AppError("not-found", "No token has this value.");

function refused(sentence: string): AppError {
  return new AppError("validation-failed", sentence, { fieldErrors: { value: [sentence] } });
}

export type LookupKind = { by: "token"; digest: string } | { by: "prefix"; displayPrefix: string };

/** What the pasted text is, without any lookup (422 when it is neither a whole token nor a prefix). */
export function classifyPasted(digestKey: Buffer, value: string): LookupKind {
  const text = value.trim();
  if (displayPrefixPattern.test(text)) return { by: "prefix", displayPrefix: tokenDisplayPrefix(text) };
  if (!text.startsWith(tokenPrefix)) throw refused(`This is not a Tessera token: tokens start with ${tokenPrefix}.`);
  if (text.length !== tokenLength) throw refused(`A whole token is ${tokenLength} characters long and a prefix is 12; this is ${text.length}. Copy it again.`);
  if (!isWellFormedToken(text)) throw refused("Its checksum does not match: a character is wrong or missing. Copy the token again.");
  return { by: "token", digest: digestToken(digestKey, text) };
}

export async function lookupToken(ctx: AccessContext, actor: Actor, value: string): Promise<LookupTokenResponse> {
  const kind = classifyPasted(ctx.keys.secretDigest, value);
  const where = kind.by === "token" ? { digest: kind.digest } : { displayPrefix: kind.displayPrefix };
  const rows = await ctx.prisma.token.findMany({ where: { ...where, ...tenantScope(actor) }, orderBy: [{ createdAt: "desc" }, { id: "desc" }], take: 20, select: tokenListSelect });
  if (!rows.length) throw notFound();
  return { by: kind.by, matches: await toTokenListRows(ctx.prisma, rows, new Date()) };
}
