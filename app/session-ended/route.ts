// Where the console sends a browser whose session has ended (or that asks to end it): ends it at the
// access service too, clears the next-auth cookie, then shows sign-in at the deployment's public URL
// (NEXTAUTH_URL), not at whatever host name this server happens to see itself under.
import { NextResponse } from "next/server";
import { endBrowserSession } from "@/lib/auth/end-session";

export async function GET(request: Request) {
  const { hadSession } = await endBrowserSession();
  const target = new URL(hadSession ? "/sign-in?ended=1" : "/sign-in", process.env.NEXTAUTH_URL || request.url);
  return NextResponse.redirect(target, { status: 303 });
}
