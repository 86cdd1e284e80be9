// Test people: a tenant with one person of each tenant role, a platform administrator, all signed in
// through the real sign-in endpoint, so their bearers are real sessions.
import type { SignInResponse, UserDto } from "../../contracts/access-api";
import type { TenantKind } from "../../contracts/tenant-api";
import type { TenantRole } from "../../contracts/permissions";
import { hashPassword } from "../../services/access/domain/passwords/password-hash";
import { newId } from "../../services/access/domain/secrets/ids";
import type { Tenant } from "../../services/access/generated/prisma/client";
import { giveSecondFactor } from "./mfa-fixtures";
import type { AccessHarness } from "./start-access-service";

/** Every fixture person's password: long, unrelated words, so it passes the password policy too. */
export const fixturePassword = "velvet quarry lantern obsidian";

export type SignedInPerson = { user: UserDto; bearer: string };
export type TenantWithPeople = { tenant: Tenant; people: Record<TenantRole, SignedInPerson> };

// argon2id is slow on purpose; hash the shared password once per test file.
let fixtureHash: Promise<string> | undefined;
const passwordHash = () => (fixtureHash ??= hashPassword(fixturePassword));

/** `Authorization` header for a signed-in person. */
export function authorization(person: SignedInPerson | string): Record<string, string> {
  return { authorization: `Bearer ${typeof person === "string" ? person : person.bearer}` };
}

/** Signs in through POST /v1/auth/sign-in as the web tier; throws unless it succeeds. */
export async function signInAs(h: AccessHarness, email: string, password: string = fixturePassword): Promise<SignedInPerson> {
  const web = await h.as("web");
  const res = await web.json<SignInResponse>("POST", "/v1/auth/sign-in", { email, password });
  if (res.status !== 200) throw new Error(`sign-in as ${email} failed with ${res.status}: ${JSON.stringify(res.body)}`);
  if (!res.body.sessionToken) throw new Error(`sign-in as ${email} asks for a second factor: use beginSignIn (mfa-fixtures.ts) and answer it`);
  return { user: res.body.user, bearer: res.body.sessionToken };
}

async function createPerson(h: AccessHarness, data: { email: string; name: string; role: UserDto["role"]; tenantId: string | null }) {
  await h.prisma.user.create({ data: { id: newId("usr"), ...data, passwordHash: await passwordHash() } });
  return signInAs(h, data.email);
}

/**
 * A platform administrator (no tenant), signed in. Every platform administrator must have a second factor
 * (contracts/assurance-levels.ts): an authenticator app is added through the real endpoints in the session
 * opened, which gives it there, so the session answers everything (its secret is in `authenticator`).
 */
export async function createPlatformAdmin(h: AccessHarness, email = `platform-${newId("usr").slice(4).toLowerCase()}@vendor.example`) {
  const admin = await createNewPlatformAdmin(h, email);
  const [authenticator] = await giveSecondFactor(h, admin);
  return { ...admin, authenticator: authenticator! };
}

/** A platform administrator just created, with no second factor yet: their session answers only what it takes to add one. */
export async function createNewPlatformAdmin(h: AccessHarness, email = `platform-${newId("usr").slice(4).toLowerCase()}@vendor.example`) {
  return createPerson(h, { email, name: "Pat Platform", role: "platform_admin", tenantId: null });
}

/** A tenant with a tenant admin, a tenant member and a district reviewer, each signed in. E-mails are `<role>@<slug>.example`. */
export async function createTenantWithPeople(
  h: AccessHarness,
  options: { slug: string; kind?: TenantKind; name?: string },
): Promise<TenantWithPeople> {
  const kind = options.kind ?? "company";
  const tenant = await h.prisma.tenant.create({
    data: {
      id: newId("ten"),
      slug: options.slug,
      name: options.name ?? `Tenant ${options.slug}`,
      kind,
      districtState: kind === "district" ? "CA" : null,
    },
  });
  const person = (role: TenantRole, name: string) =>
    createPerson(h, { email: `${role.replace("_", "-")}@${options.slug}.example`, name, role, tenantId: tenant.id });
  return {
    tenant,
    people: {
      tenant_admin: await person("tenant_admin", "Ada Admin"),
      tenant_member: await person("tenant_member", "Mo Member"),
      district_reviewer: await person("district_reviewer", "Rey Reviewer"),
    },
  };
}
