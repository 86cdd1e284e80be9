// Types for what Tessera keeps in the next-auth user, JWT and browser session.
import type { DefaultSession } from "next-auth";
import type { Role } from "@/contracts/access-api";

declare module "next-auth" {
  interface User {
    id: string;
    role: Role;
    sessionToken: string;
    expiresAt: string;
    idleExpiresAt: string;
  }
  interface Session {
    user: { name: string; email: string; role?: Role } & Omit<NonNullable<DefaultSession["user"]>, "name" | "email">;
  }
}

declare module "next-auth/jwt" {
  interface JWT {
    role?: Role;
    sessionToken?: string;
    expiresAt?: string;
    idleExpiresAt?: string;
  }
}
