// A tenant's members: listed without secrets; removed within the rank rules; a removed person's
// session ends at once and they cannot sign in again; the last tenant admin cannot leave.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ListMembersResponse, MemberDto } from "../../contracts/tenant-api";
import { startAccessService, type AccessHarness } from "../support/start-access-service";
import {
  authorization, createPlatformAdmin, createTenantWithPeople, fixturePassword, signInAs, type SignedInPerson, type TenantWithPeople,
} from "../support/tenant-fixtures";

type Web = Awaited<ReturnType<AccessHarness["as"]>>;
type Problem = { code: string; reason?: string };

let h: AccessHarness;
let web: Web;
let platform: SignedInPerson;
let acme: TenantWithPeople;

beforeAll(async () => {
  h = await startAccessService("tenants-members");
  web = await h.as("web");
  platform = await createPlatformAdmin(h);
  acme = await createTenantWithPeople(h, { slug: "acme" });
});
afterAll(async () => h?.close());

const remove = (as: SignedInPerson, tenantId: string, userId: string) =>
  web.json<{ member: MemberDto } & Problem>("DELETE", `/v1/tenants/${tenantId}/members/${userId}`, undefined, authorization(as));

describe("listing members", () => {
  it("lists the tenant's people with role and state, never a password hash", async () => {
    const res = await web.json<ListMembersResponse>("GET", `/v1/tenants/${acme.tenant.id}/members`, undefined, authorization(acme.people.tenant_member));
    expect(res.status).toBe(200);
    expect(res.body.members.map((m) => [m.email, m.role, m.disabledAt])).toEqual([
      ["tenant-admin@acme.example", "tenant_admin", null],
      ["tenant-member@acme.example", "tenant_member", null],
      ["district-reviewer@acme.example", "district_reviewer", null],
    ]);
    expect(JSON.stringify(res.body)).not.toMatch(/argon2|passwordHash/);
  });
});

describe("removing members", () => {
  it("ends the removed person's session at once and keeps them out", async () => {
    const t = await createTenantWithPeople(h, { slug: "gone-co" });
    const victim = t.people.tenant_member;
    expect((await web.json("GET", "/v1/me", undefined, authorization(victim))).status).toBe(200);

    const res = await remove(t.people.tenant_admin, t.tenant.id, victim.user.id);
    expect(res.status).toBe(200);
    expect(res.body.member.disabledAt).not.toBeNull();

    expect((await web.json("GET", "/v1/me", undefined, authorization(victim))).status).toBe(401);
    const signIn = await web.json<Problem>("POST", "/v1/auth/sign-in", { email: victim.user.email, password: fixturePassword });
    expect([signIn.status, signIn.body.reason]).toEqual([401, "invalid-credentials"]);
    // still listed, marked as removed, so the history keeps a name
    const members = (await web.json<ListMembersResponse>("GET", `/v1/tenants/${t.tenant.id}/members`, undefined, authorization(t.people.tenant_admin))).body.members;
    expect(members.find((m) => m.id === victim.user.id)?.disabledAt).not.toBeNull();

    const event = await h.prisma.outboxEvent.findFirstOrThrow({ where: { payload: { path: ["action"], equals: "member.remove" } } });
    expect(event.payload).toMatchObject({ actor: { id: t.people.tenant_admin.user.id }, target: { type: "user", id: victim.user.id }, tenantId: t.tenant.id });

    const again = await remove(t.people.tenant_admin, t.tenant.id, victim.user.id);
    expect([again.status, again.body.reason]).toEqual([409, "member-already-removed"]);
  });

  it("a tenant admin may remove another tenant admin (same rank), and a platform admin anyone in a tenant", async () => {
    const t = await createTenantWithPeople(h, { slug: "ranks" });
    const second = await h.prisma.user.update({ where: { id: t.people.district_reviewer.user.id }, data: { role: "tenant_admin" } });
    expect((await remove(t.people.tenant_admin, t.tenant.id, second.id)).status).toBe(200);
    expect((await remove(platform, t.tenant.id, t.people.tenant_member.user.id)).status).toBe(200);
  });

  it("nobody removes someone above their own rank: a platform admin is not a member anywhere", async () => {
    const res = await remove(acme.people.tenant_admin, acme.tenant.id, platform.user.id);
    expect(res.status).toBe(404);
    expect((await web.json("GET", "/v1/me", undefined, authorization(platform))).status).toBe(200);
  });

  it("the last tenant admin cannot remove themselves (409); with a second admin they can", async () => {
    const t = await createTenantWithPeople(h, { slug: "last-admin" });
    const admin = t.people.tenant_admin;
    const refused = await remove(admin, t.tenant.id, admin.user.id);
    expect([refused.status, refused.body.reason]).toEqual([409, "last-tenant-admin"]);
    expect((await web.json("GET", "/v1/me", undefined, authorization(admin))).status).toBe(200);

    await h.prisma.user.update({ where: { id: t.people.tenant_member.user.id }, data: { role: "tenant_admin" } });
    const promoted = await signInAs(h, t.people.tenant_member.user.email);
    // Both try to leave at once: exactly one succeeds, the tenant keeps an administrator.
    const results = await Promise.all([remove(admin, t.tenant.id, admin.user.id), remove(promoted, t.tenant.id, promoted.user.id)]);
    expect(results.map((r) => r.status).sort()).toEqual([200, 409]);
    expect(await h.prisma.user.count({ where: { tenantId: t.tenant.id, role: "tenant_admin", disabledAt: null } })).toBe(1);
  });

  it("malformed and unknown ids answer 404, removing nobody", async () => {
    const admin = acme.people.tenant_admin;
    expect((await remove(admin, acme.tenant.id, "not-an-id")).status).toBe(404);
    expect((await remove(admin, acme.tenant.id, "usr_unknown")).status).toBe(404);
    expect((await remove(admin, "ten_unknown", acme.people.tenant_member.user.id)).status).toBe(404);
    expect(await h.prisma.user.count({ where: { tenantId: acme.tenant.id, disabledAt: { not: null } } })).toBe(0);
  });
});
