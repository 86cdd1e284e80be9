"use server";
// Sign-out: ends the session at the access service with its bearer, then clears the next-auth cookie.
import { redirect } from "next/navigation";
import { endBrowserSession } from "@/lib/auth/end-session";

export async function signOutAction(): Promise<void> {
  await endBrowserSession();
  redirect("/sign-in?signed-out=1");
}
