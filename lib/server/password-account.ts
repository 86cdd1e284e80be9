import "server-only";
// The server half of the "single-use link → name + password → account" forms (first administrator,
// invitation): the new-password rules, and turning the access service's answer into form state.
import { redirect } from "next/navigation";
import { z } from "zod";
import { maxPasswordLength, minPasswordLength } from "@/contracts/password-rules";
import { fieldErrorsOf, humanIssueMessage, invalidFieldsSentence, nulFieldErrors } from "@/contracts/field-messages";
import type { PasswordAccountState } from "@/lib/views/password-account-state";
import { isAccessProblem } from "./access-problem";
import { webLog } from "@/lib/server/log";

/** The account's other fields plus a new password typed twice. */
export function withNewPassword<Shape extends z.ZodRawShape>(fields: z.ZodObject<Shape>) {
  return fields
    .extend({
      password: z
        .string()
        .min(minPasswordLength, `Use at least ${minPasswordLength} characters. A passphrase of several words is easy to remember.`)
        .max(maxPasswordLength, `Use at most ${maxPasswordLength} characters.`),
      confirm: z.string(),
    })
    .refine((v: Record<string, unknown>) => v.password === v.confirm, { path: ["confirm"], message: "The two passwords do not match." });
}

type AccountForm<T> = {
  /** An object schema (its keys are the form's field names), usually built with withNewPassword. */
  schema: { shape: object; safeParse: (raw: unknown, params?: z.core.ParseContext<z.core.$ZodIssue>) => z.ZodSafeParseResult<T> };
  create: (input: T) => Promise<unknown>;
  /** Whether the error says the link is used up or unknown (the link's own page then explains it). */
  isLinkGone: (error: unknown) => boolean;
  linkPath: string;
  donePath: string;
  failureMessage: string;
  /** Names the flow in the log line of an unexpected failure. */
  logMessage: string;
};

export async function submitPasswordAccount<T>(form: AccountForm<T>, formData: FormData): Promise<PasswordAccountState> {
  const fieldNames = Object.keys(form.schema.shape);
  const raw = Object.fromEntries(fieldNames.map((k) => [k, String(formData.get(k) ?? "")]));
  const values = { name: raw.name, email: raw.email };
  const nul = nulFieldErrors(raw);
  if (Object.keys(nul).length) return { fieldErrors: nul, message: invalidFieldsSentence, values };
  const parsed = form.schema.safeParse(raw, { error: humanIssueMessage });
  if (!parsed.success) return { fieldErrors: fieldErrorsOf(parsed.error), message: invalidFieldsSentence, values };

  let gone = false;
  try {
    await form.create(parsed.data);
  } catch (error) {
    gone = form.isLinkGone(error);
    if (!gone) return failureState(form, error, fieldNames, values);
  }
  // redirect() throws, so it stays outside the try block.
  redirect(gone ? form.linkPath : form.donePath);
}

function failureState(form: Pick<AccountForm<unknown>, "failureMessage" | "logMessage">, error: unknown, fieldNames: string[], values: PasswordAccountState["values"]): PasswordAccountState {
  if (isAccessProblem(error) && error.fieldErrors && (error.status === 400 || error.status === 422)) {
    const fieldErrors: PasswordAccountState["fieldErrors"] = {};
    for (const key of fieldNames) if (error.fieldErrors[key]?.length) fieldErrors[key] = error.fieldErrors[key];
    return { fieldErrors, message: invalidFieldsSentence, values };
  }
  // The access service's own sentence ("A platform administrator already exists.", "Too many attempts…").
  if (isAccessProblem(error) && (error.status === 409 || error.status === 429)) return { fieldErrors: {}, message: error.message, values };
  webLog().error({ err: error }, form.logMessage);
  return { fieldErrors: {}, message: form.failureMessage, values };
}
