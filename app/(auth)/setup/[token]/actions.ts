"use server";
// Server action behind the setup form: validates, creates the first administrator, then sends them to sign-in.
import { z } from "zod";
import { email } from "@/contracts/access-api";
import { submitPasswordAccount, withNewPassword } from "@/lib/server/password-account";
import type { PasswordAccountState } from "@/lib/views/password-account-state";
import { createFirstAdmin, linkStateFromError } from "@/lib/server/setup";

const setupForm = withNewPassword(
  z.object({
    name: z.string().trim().min(1, "Enter your name.").max(100, "Use at most 100 characters."),
    email,
  }),
);

export async function createFirstAdminAction(token: string, _prev: PasswordAccountState, formData: FormData): Promise<PasswordAccountState> {
  return submitPasswordAccount(
    {
      schema: setupForm,
      create: ({ name, email, password }) => createFirstAdmin({ token, name, email, password }),
      isLinkGone: (error) => linkStateFromError(error) !== undefined,
      linkPath: `/setup/${encodeURIComponent(token)}`,
      donePath: "/sign-in?setup=done",
      failureMessage: "We could not create the account right now. Try again in a moment.",
      logMessage: "setup failed",
    },
    formData,
  );
}
