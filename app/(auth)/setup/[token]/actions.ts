"use server";
// Server action behind the setup form: validates, creates the first administrator, then sends them to sign-in.
import { redirect } from "next/navigation";
import { z } from "zod";
import { email as emailSchema } from "@/contracts/access-api";
import { isAccessProblem } from "@/lib/server/access-problem";
import { createFirstAdmin, linkStateFromError } from "@/lib/server/setup";

export type SetupFormState = {
  fieldErrors: Partial<Record<"name" | "email" | "password" | "confirm", string[]>>;
  message: string | null;
  /** Echo of non-secret values so the form keeps them after an error. */
  values: { name?: string; email?: string };
};

const minPasswordLength = 15;

const setupForm = z
  .object({
    name: z.string().trim().min(1, "Enter your name.").max(100, "Use at most 100 characters."),
    email: emailSchema,
    password: z
      .string()
      .min(minPasswordLength, `Use at least ${minPasswordLength} characters. A passphrase of several words is easy to remember.`)
      .max(1024, "Use at most 1024 characters."),
    confirm: z.string(),
  })
  .refine((v) => v.password === v.confirm, { path: ["confirm"], message: "The two passwords do not match." });

const fieldNames = ["name", "email", "password", "confirm"] as const;

export async function createFirstAdminAction(token: string, _prev: SetupFormState, formData: FormData): Promise<SetupFormState> {
  const raw = Object.fromEntries(fieldNames.map((k) => [k, String(formData.get(k) ?? "")]));
  const values = { name: raw.name, email: raw.email };
  const parsed = setupForm.safeParse(raw);
  if (!parsed.success) {
    return { fieldErrors: z.flattenError(parsed.error).fieldErrors, message: "Check the highlighted fields.", values };
  }

  let linkGone: "used" | "expired" | "invalid" | undefined;
  try {
    const { name, email, password } = parsed.data;
    await createFirstAdmin({ token, name, email, password });
  } catch (error) {
    linkGone = linkStateFromError(error);
    if (!linkGone) {
      if (isAccessProblem(error) && error.fieldErrors && (error.status === 400 || error.status === 422)) {
        return { fieldErrors: pickFieldErrors(error.fieldErrors), message: "Check the highlighted fields.", values };
      }
      if (isAccessProblem(error) && error.status === 409) {
        return { fieldErrors: {}, message: "Tessera already has an administrator. Sign in instead.", values };
      }
      if (isAccessProblem(error) && error.status === 429) {
        return { fieldErrors: {}, message: `Too many attempts. Try again in ${error.retryAfterSeconds ?? 60} seconds.`, values };
      }
      console.error(JSON.stringify({ level: "error", msg: "setup failed", err: String(error) }));
      return { fieldErrors: {}, message: "We could not create the account right now. Try again in a moment.", values };
    }
  }
  // redirect() throws, so it stays outside the try block.
  if (linkGone) redirect(`/setup/${encodeURIComponent(token)}`);
  redirect("/sign-in?setup=done");
}

function pickFieldErrors(errors: Record<string, string[]>): SetupFormState["fieldErrors"] {
  const out: SetupFormState["fieldErrors"] = {};
  for (const key of fieldNames) if (errors[key]?.length) out[key] = errors[key].map(String);
  return out;
}
