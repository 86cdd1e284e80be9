"use server";
// Server action behind the invitation form: validates, creates the invitee's account, then sends them to sign-in.
import { redirect } from "next/navigation";
import { z } from "zod";
import { acceptInvitationRequest } from "@/contracts/tenant-api";
import { isAccessProblem } from "@/lib/server/access-problem";
import { acceptInvitation, invitationGoneFrom } from "@/lib/server/invitations";

export type AcceptFormState = {
  fieldErrors: Partial<Record<"name" | "password" | "confirm", string[]>>;
  message: string | null;
  values: { name?: string };
};

const minPasswordLength = 15;

const acceptForm = acceptInvitationRequest
  .extend({
    password: z
      .string()
      .min(minPasswordLength, `Use at least ${minPasswordLength} characters. A passphrase of several words is easy to remember.`)
      .max(1024, "Use at most 1024 characters."),
    confirm: z.string(),
  })
  .refine((v) => v.password === v.confirm, { path: ["confirm"], message: "The two passwords do not match." });

const fieldNames = ["name", "password", "confirm"] as const;

export async function acceptInvitationAction(token: string, _prev: AcceptFormState, formData: FormData): Promise<AcceptFormState> {
  const raw = Object.fromEntries(fieldNames.map((k) => [k, String(formData.get(k) ?? "")]));
  const values = { name: raw.name };
  const parsed = acceptForm.safeParse(raw);
  if (!parsed.success) return { fieldErrors: z.flattenError(parsed.error).fieldErrors, message: "Check the highlighted fields.", values };

  let gone = false;
  try {
    await acceptInvitation(token, { name: parsed.data.name, password: parsed.data.password });
  } catch (error) {
    gone = invitationGoneFrom(error) !== undefined;
    if (!gone) {
      if (isAccessProblem(error) && error.fieldErrors && (error.status === 400 || error.status === 422)) {
        const fe: AcceptFormState["fieldErrors"] = {};
        for (const key of fieldNames) if (error.fieldErrors[key]?.length) fe[key] = error.fieldErrors[key];
        return { fieldErrors: fe, message: "Check the highlighted fields.", values };
      }
      if (isAccessProblem(error) && error.status === 409) {
        return { fieldErrors: {}, message: "An account with this e-mail address already exists. Sign in instead.", values };
      }
      if (isAccessProblem(error) && error.status === 429) {
        return { fieldErrors: {}, message: `Too many attempts. Try again in ${error.retryAfterSeconds ?? 60} seconds.`, values };
      }
      console.error(JSON.stringify({ level: "error", msg: "invitation accept failed", err: String(error) }));
      return { fieldErrors: {}, message: "We could not create your account right now. Try again in a moment.", values };
    }
  }
  // redirect() throws, so it stays outside the try block.
  if (gone) redirect(`/invitations/${encodeURIComponent(token)}`);
  redirect("/sign-in?invitation=accepted");
}
