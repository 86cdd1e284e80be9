// Clears the next-auth cookie after the access service said the session has ended, then shows sign-in.
import { cookies } from "next/headers";
import { NextResponse } from "next/server";
import { sessionCookiePrefixes } from "@/lib/server/session";

export async function GET(request: Request) {
  const jar = await cookies();
  const stale = jar.getAll().filter((c) => sessionCookiePrefixes.some((p) => c.name.startsWith(p)));
  for (const c of stale) jar.delete(c.name);
  const target = new URL(stale.length ? "/sign-in?ended=1" : "/sign-in", request.url);
  return NextResponse.redirect(target, { status: 303 });
}
