// Invitations end to end: a tenant admin invites, the invitee previews and accepts once with a good
// password and signs in; revoked, expired and used links are refused with their reason; nobody grants
// a role above their own; the token is stored only as a keyed digest and never audited.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { CreateInvitationResponse, InvitationPreviewResponse, ListInvitationsResponse } from "../../contracts/tenant-api";
import { startAccessService, type AccessHarness } from "../support/start-access-service";
import { authorization, createPlatformAdmin, createTenantWithPeople, signInAs, type SignedInPerson, type TenantWithPeople } from "../support/tenant-fixtures";

type Web = Awaited<ReturnType<AccessHarness["as"]>>;
type Problem = { code: string; reason?: string; fieldErrors?: Record<string, string[]> };

const goodPassword = "marble tundra saffron whistle";
let h: AccessHarness;
let web: Web;
let platform: SignedInPerson;
let acme: TenantWithPeople;

beforeAll(async () => {
  h = await startAccessService("tenants-invitations", { publicUrl: "https://console.example" });
  web = await h.as("web");
  platform = await createPlatformAdmin(h);
  acme = await createTenantWithPeople(h, { slug: "acme", name: "Acme Corp" });
});
afterAll(async () => h?.close());

const invite = (as: SignedInPerson, body: unknown, tenantId = acme.tenant.id) =>
  web.json<CreateInvitationResponse & Problem>("POST", `/v1/tenants/${tenantId}/invitations`, body, authorization(as));
const tokenOf = (url: string) => url.split("/invitations/")[1];

describe("inviting and accepting", () => {
  let token: string;
  let invitationId: string;

  it("a tenant admin invites; the link is shown once and only its digest is stored", async () => {
    const res = await invite(acme.people.tenant_admin, { email: "  New.Person@Example.org ", role: "tenant_member" });
    expect(res.status).toBe(201);
    expect(res.body.inviteUrl).toMatch(/^https:\/\/console\.example\/invitations\/tsi_[A-Za-z0-9_-]{43}$/);
    expect(res.body.invitation).toMatchObject({ email: "new.person@example.org", role: "tenant_member", status: "pending", invitedById: acme.people.tenant_admin.user.id });
    const days = (Date.parse(res.body.invitation.expiresAt) - Date.now()) / 86_400_000;
    expect(days).toBeGreaterThan(6.99);
    expect(days).toBeLessThanOrEqual(7);
    token = tokenOf(res.body.inviteUrl);
    invitationId = res.body.invitation.id;

    const row = await h.prisma.invitation.findUniqueOrThrow({ where: { id: invitationId } });
    expect(row.tokenDigest).not.toContain(token.slice(4));
    const outbox = JSON.stringify(await h.prisma.outboxEvent.findMany());
    expect(outbox).toContain("invitation.create");
    expect(outbox).not.toContain(token.slice(4));
  });

  it("refuses a second pending invitation to the same address, and one of the tenant's own members", async () => {
    const pending = await invite(acme.people.tenant_admin, { email: "new.person@example.org", role: "tenant_member" });
    expect([pending.status, pending.body.reason, Object.keys(pending.body.fieldErrors ?? {})]).toEqual([409, "invitation-pending", ["email"]]);
    const member = await invite(acme.people.tenant_admin, { email: acme.people.tenant_member.user.email, role: "tenant_member" });
    expect([member.status, member.body.reason]).toEqual([409, "already-member"]);
  });

  it("answers an address with an account in another tenant exactly as a new one, and tells the invitee on accepting", async () => {
    const other = await createTenantWithPeople(h, { slug: "other-co" });
    const elsewhere = other.people.tenant_member.user.email;
    const [taken, fresh] = [await invite(acme.people.tenant_admin, { email: elsewhere, role: "tenant_member" }), await invite(acme.people.tenant_admin, { email: "nobody-yet@example.org", role: "tenant_member" })];
    const shape = (r: typeof taken) => ({ status: r.status, keys: Object.keys(r.body).sort(), invitation: Object.keys(r.body.invitation).sort(), state: r.body.invitation.status });
    expect(shape(taken)).toEqual(shape(fresh));
    expect(taken.status).toBe(201);
    // The vendor's own staff are no different.
    expect(shape(await invite(acme.people.tenant_admin, { email: platform.user.email, role: "tenant_member" }))).toEqual(shape(fresh));
    // The invitee is the one told, in words, and nothing is created or changed.
    const accepted = await web.json<Problem & { detail: string }>("POST", `/v1/invitations/${tokenOf(taken.body.inviteUrl)}/accept`, { name: "Someone", password: goodPassword });
    expect([accepted.status, accepted.body.reason]).toEqual([409, "email-taken"]);
    expect(accepted.body.detail).toMatch(/already has a Tessera account/);
    expect(await h.prisma.user.count({ where: { email: elsewhere } })).toBe(1);
    const list = await web.json<ListInvitationsResponse>("GET", `/v1/tenants/${acme.tenant.id}/invitations`, undefined, authorization(acme.people.tenant_admin));
    expect(list.body.invitations.find((i) => i.id === taken.body.invitation.id)?.status).toBe("pending");
    expect(JSON.stringify(await h.prisma.outboxEvent.findMany())).not.toContain("email-taken");
  });

  it("the invitee sees what the link offers without a session", async () => {
    const res = await web.json<InvitationPreviewResponse>("GET", `/v1/invitations/${token}`);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ tenantName: "Acme Corp", email: "new.person@example.org", role: "tenant_member" });
  });

  it("a weak password is refused with a field message and leaves the link usable", async () => {
    const res = await web.json<Problem>("POST", `/v1/invitations/${token}/accept`, { name: "New Person", password: "password123" });
    expect(res.status).toBe(422);
    expect(res.body.fieldErrors?.password?.length).toBeGreaterThan(0);
    expect(await h.prisma.user.count({ where: { email: "new.person@example.org" } })).toBe(0);
    expect((await web.json("GET", `/v1/invitations/${token}`)).status).toBe(200);
  });

  it("accepting creates the member in the tenant with the invited role, once, even when raced", async () => {
    const body = { name: "New Person", password: goodPassword };
    const results = await Promise.all([1, 2, 3].map(() => web.json<{ user: { role: string; tenantId: string } } & Problem>("POST", `/v1/invitations/${token}/accept`, body)));
    const statuses = results.map((r) => r.status).sort();
    expect(statuses[0]).toBe(201);
    expect(statuses.slice(1)).toEqual([410, 410]);
    const created = results.find((r) => r.status === 201)!.body.user;
    expect(created).toMatchObject({ role: "tenant_member", tenantId: acme.tenant.id });
    expect(await h.prisma.user.count({ where: { email: "new.person@example.org" } })).toBe(1);

    const signedIn = await signInAs(h, "new.person@example.org", goodPassword);
    expect(signedIn.user.tenantId).toBe(acme.tenant.id);
    const me = await web.json<{ user: { email: string } }>("GET", "/v1/me", undefined, authorization(signedIn));
    expect(me.body.user.email).toBe("new.person@example.org");
    expect(await h.prisma.outboxEvent.count({ where: { payload: { path: ["action"], equals: "invitation.accept" } } })).toBe(1);
  });

  it("a used link answers 410 invitation-used, and the list shows it accepted", async () => {
    const res = await web.json<Problem>("GET", `/v1/invitations/${token}`);
    expect([res.status, res.body.reason]).toEqual([410, "invitation-used"]);
    const list = await web.json<ListInvitationsResponse>("GET", `/v1/tenants/${acme.tenant.id}/invitations`, undefined, authorization(acme.people.tenant_member));
    expect(list.body.invitations.find((i) => i.id === invitationId)?.status).toBe("accepted");
  });
});

describe("revoked, expired and unknown links", () => {
  it("a revoked link answers 410 invitation-revoked; revoking twice is a 409", async () => {
    const created = await invite(acme.people.tenant_admin, { email: "revoke-me@example.org", role: "district_reviewer" });
    const path = `/v1/tenants/${acme.tenant.id}/invitations/${created.body.invitation.id}`;
    const revoked = await web.json<{ invitation: { status: string } }>("DELETE", path, undefined, authorization(acme.people.tenant_admin));
    expect([revoked.status, revoked.body.invitation.status]).toEqual([200, "revoked"]);
    const token = tokenOf(created.body.inviteUrl);
    for (const res of [await web.json<Problem>("GET", `/v1/invitations/${token}`), await web.json<Problem>("POST", `/v1/invitations/${token}/accept`, { name: "R", password: goodPassword })]) {
      expect([res.status, res.body.reason]).toEqual([410, "invitation-revoked"]);
    }
    const again = await web.json<Problem>("DELETE", path, undefined, authorization(acme.people.tenant_admin));
    expect([again.status, again.body.reason]).toEqual([409, "invitation-revoked"]);
    expect(await h.prisma.user.count({ where: { email: "revoke-me@example.org" } })).toBe(0);
    // the address may be invited again
    expect((await invite(acme.people.tenant_admin, { email: "revoke-me@example.org", role: "district_reviewer" })).status).toBe(201);
  });

  it("an expired link answers 410 invitation-expired and creates nobody", async () => {
    const created = await invite(acme.people.tenant_admin, { email: "late@example.org", role: "tenant_member" });
    await h.prisma.invitation.update({ where: { id: created.body.invitation.id }, data: { expiresAt: new Date(Date.now() - 1000) } });
    const token = tokenOf(created.body.inviteUrl);
    const res = await web.json<Problem>("POST", `/v1/invitations/${token}/accept`, { name: "Late", password: goodPassword });
    expect([res.status, res.body.reason]).toEqual([410, "invitation-expired"]);
    expect(await h.prisma.user.count({ where: { email: "late@example.org" } })).toBe(0);
    const list = await web.json<ListInvitationsResponse>("GET", `/v1/tenants/${acme.tenant.id}/invitations`, undefined, authorization(platform));
    expect(list.body.invitations.find((i) => i.id === created.body.invitation.id)?.status).toBe("expired");
  });

  it.each(["tsi_unknown", `tsi_${"A".repeat(43)}`, "tss_" + "A".repeat(43), "x".repeat(90)])("an unknown token %s answers 404 invitation-invalid", async (token) => {
    const res = await web.json<Problem>("GET", `/v1/invitations/${token}`);
    expect([res.status, res.body.reason]).toEqual([404, "invitation-invalid"]);
  });

  it("an overlong token is refused before any lookup (414 problem+json), creating nobody", async () => {
    const users = await h.prisma.user.count();
    const res = await web.json<Problem>("POST", `/v1/invitations/${"x".repeat(500)}/accept`, { name: "L", password: goodPassword });
    expect(res.status).toBe(414);
    expect(res.headers["content-type"]).toMatch(/problem\+json/);
    expect(await h.prisma.user.count()).toBe(users);
  });
});

describe("role escalation", () => {
  it("a tenant admin may grant every tenant role but not platform_admin, which is no tenant role at all", async () => {
    for (const role of ["tenant_admin", "district_reviewer"]) {
      expect((await invite(acme.people.tenant_admin, { email: `esc-${role}@example.org`, role })).status).toBe(201);
    }
    const res = await invite(acme.people.tenant_admin, { email: "boss@example.org", role: "platform_admin" });
    expect(res.status).toBe(422);
    expect(Object.keys(res.body.fieldErrors ?? {})).toEqual(["role"]);
    const byPlatform = await invite(platform, { email: "boss@example.org", role: "platform_admin" });
    expect(byPlatform.status).toBe(422);
    expect(await h.prisma.invitation.count({ where: { email: "boss@example.org" } })).toBe(0);
  });

  it("a tenant member and a district reviewer cannot invite at all", async () => {
    for (const person of [acme.people.tenant_member, acme.people.district_reviewer]) {
      const res = await invite(person, { email: "sneaky@example.org", role: "tenant_member" });
      expect([res.status, res.body.code]).toEqual([403, "forbidden"]);
    }
    expect(await h.prisma.invitation.count({ where: { email: "sneaky@example.org" } })).toBe(0);
  });
});
