// Every tenant, member and invitation endpoint × every kind of caller: platform admin; tenant admin,
// member and district reviewer of tenant A (the owner of the records) and of tenant B; no bearer;
// the operator identity. Denied calls answer problem+json and change nothing.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { hashPassword } from "../../services/access/domain/passwords/password-hash";
import { newId } from "../../services/access/domain/secrets/ids";
import { createSecret, digestSecret } from "../../services/access/domain/secrets/opaque-secret";
import { changeEventCount } from "../support/refusal-fixtures";
import { startAccessService, type AccessHarness } from "../support/start-access-service";
import { authorization, createPlatformAdmin, createTenantWithPeople, type SignedInPerson, type TenantWithPeople } from "../support/tenant-fixtures";

type Caller = "platform_admin" | "a_admin" | "a_member" | "a_reviewer" | "b_admin" | "b_member" | "b_reviewer" | "no_bearer" | "operator";
const callers: Caller[] = ["platform_admin", "a_admin", "a_member", "a_reviewer", "b_admin", "b_member", "b_reviewer", "no_bearer", "operator"];
type Request = { method: "GET" | "POST" | "PATCH" | "DELETE"; path: string; body?: unknown };
/** A request against tenant A's records, and a probe that says whether A's data changed. */
type Case = { name: string; prepare(): Promise<{ request: Request; changed(): Promise<boolean> }>; expected: Record<Caller, number> };

let h: AccessHarness;
let a: TenantWithPeople;
let b: TenantWithPeople;
let platform: SignedInPerson;

beforeAll(async () => {
  h = await startAccessService("tenants-matrix");
  platform = await createPlatformAdmin(h);
  a = await createTenantWithPeople(h, { slug: "tenant-a", kind: "district" });
  b = await createTenantWithPeople(h, { slug: "tenant-b" });
});
afterAll(async () => h?.close());

function bearerOf(caller: Caller): string | undefined {
  const table: Partial<Record<Caller, SignedInPerson>> = {
    platform_admin: platform,
    a_admin: a.people.tenant_admin,
    a_member: a.people.tenant_member,
    a_reviewer: a.people.district_reviewer,
    b_admin: b.people.tenant_admin,
    b_member: b.people.tenant_member,
    b_reviewer: b.people.district_reviewer,
  };
  return table[caller]?.bearer;
}

// Rows shorthand: [platform, A admin, A member, A reviewer, B admin, B member, B reviewer]; no bearer 401, operator 403.
function expect7(statuses: [number, number, number, number, number, number, number]): Record<Caller, number> {
  const [p, aa, am, ar, ba, bm, br] = statuses;
  return { platform_admin: p, a_admin: aa, a_member: am, a_reviewer: ar, b_admin: ba, b_member: bm, b_reviewer: br, no_bearer: 401, operator: 403 };
}

const nothingChanges = async () => false;

async function freshMember() {
  const user = await h.prisma.user.create({
    data: { id: newId("usr"), email: `${newId("usr").slice(4).toLowerCase()}@tenant-a.example`, name: "Target", role: "tenant_member", tenantId: a.tenant.id, passwordHash: await hashPassword("x") },
  });
  return user;
}

async function freshInvitation() {
  const token = createSecret("invitation");
  const invitation = await h.prisma.invitation.create({
    data: {
      id: newId("inv"), tenantId: a.tenant.id, email: `${newId("inv").slice(4).toLowerCase()}@invitee.example`, role: "tenant_member",
      tokenDigest: digestSecret(h.ctx.keys.secretDigest, token), invitedById: a.people.tenant_admin.user.id,
      expiresAt: new Date(Date.now() + 86_400_000),
    },
  });
  return { invitation, token };
}

const cases: Case[] = [
  {
    name: "GET /v1/tenants/:id",
    prepare: async () => ({ request: { method: "GET", path: `/v1/tenants/${a.tenant.id}` }, changed: nothingChanges }),
    expected: expect7([200, 200, 200, 200, 404, 404, 404]),
  },
  {
    name: "PATCH /v1/tenants/:id",
    prepare: async () => {
      const name = `Renamed ${newId("ten")}`;
      return {
        request: { method: "PATCH", path: `/v1/tenants/${a.tenant.id}`, body: { name } },
        changed: async () => (await h.prisma.tenant.findUniqueOrThrow({ where: { id: a.tenant.id } })).name === name,
      };
    },
    // Only platform admins hold tenants.write, so everyone else is refused before any lookup (403 says nothing about A).
    expected: expect7([200, 403, 403, 403, 403, 403, 403]),
  },
  {
    name: "POST /v1/tenants",
    prepare: async () => {
      const slug = `new-${newId("ten").slice(4).toLowerCase().replace(/[^a-z0-9]/g, "")}`;
      return {
        request: { method: "POST", path: "/v1/tenants", body: { slug, name: "New Co", kind: "company" } },
        changed: async () => (await h.prisma.tenant.count({ where: { slug } })) > 0,
      };
    },
    expected: expect7([201, 403, 403, 403, 403, 403, 403]),
  },
  {
    name: "GET /v1/tenants/:id/members",
    prepare: async () => ({ request: { method: "GET", path: `/v1/tenants/${a.tenant.id}/members` }, changed: nothingChanges }),
    expected: expect7([200, 200, 200, 403, 404, 404, 403]),
  },
  {
    name: "DELETE /v1/tenants/:id/members/:userId",
    prepare: async () => {
      const target = await freshMember();
      return {
        request: { method: "DELETE", path: `/v1/tenants/${a.tenant.id}/members/${target.id}` },
        changed: async () => (await h.prisma.user.findUniqueOrThrow({ where: { id: target.id } })).disabledAt !== null,
      };
    },
    expected: expect7([200, 200, 403, 403, 404, 403, 403]),
  },
  {
    name: "POST /v1/tenants/:id/invitations",
    prepare: async () => {
      const email = `${newId("inv").slice(4).toLowerCase()}@invitee.example`;
      return {
        request: { method: "POST", path: `/v1/tenants/${a.tenant.id}/invitations`, body: { email, role: "tenant_member" } },
        changed: async () => (await h.prisma.invitation.count({ where: { email } })) > 0,
      };
    },
    expected: expect7([201, 201, 403, 403, 404, 403, 403]),
  },
  {
    name: "GET /v1/tenants/:id/invitations",
    prepare: async () => ({ request: { method: "GET", path: `/v1/tenants/${a.tenant.id}/invitations` }, changed: nothingChanges }),
    expected: expect7([200, 200, 200, 403, 404, 404, 403]),
  },
  {
    name: "DELETE /v1/tenants/:id/invitations/:invitationId",
    prepare: async () => {
      const { invitation } = await freshInvitation();
      return {
        request: { method: "DELETE", path: `/v1/tenants/${a.tenant.id}/invitations/${invitation.id}` },
        changed: async () => (await h.prisma.invitation.findUniqueOrThrow({ where: { id: invitation.id } })).revokedAt !== null,
      };
    },
    expected: expect7([200, 200, 403, 403, 404, 403, 403]),
  },
];

describe("tenant endpoints: who may do what to tenant A's records", () => {
  for (const c of cases) {
    for (const caller of callers) {
      const status = c.expected[caller];
      it(`${c.name} as ${caller} → ${status}`, async () => {
        const { request, changed } = await c.prepare();
        const client = await h.as(caller === "operator" ? "operator" : "web");
        const bearer = bearerOf(caller === "operator" ? "platform_admin" : caller);
        const outboxBefore = await changeEventCount(h);
        const res = await client.json<{ code?: string }>(request.method, request.path, request.body, bearer ? authorization(bearer) : {});
        expect(res.status).toBe(status);
        if (status >= 400) {
          expect(res.headers["content-type"]).toMatch(/application\/problem\+json/);
          expect(await changed()).toBe(false);
          expect(await changeEventCount(h)).toBe(outboxBefore); // a refusal's own audit event aside
        } else if (request.method !== "GET") {
          expect(await changed()).toBe(true);
          expect(await changeEventCount(h)).toBe(outboxBefore + 1);
        }
      });
    }
  }

  it("GET /v1/tenants lists all tenants to platform admins and only their own to everyone else", async () => {
    const web = await h.as("web");
    const ids = async (person: SignedInPerson) =>
      (await web.json<{ tenants: { id: string }[] }>("GET", "/v1/tenants", undefined, authorization(person))).body.tenants.map((t) => t.id);
    expect(await ids(platform)).toEqual(expect.arrayContaining([a.tenant.id, b.tenant.id]));
    for (const person of Object.values(a.people)) expect(await ids(person)).toEqual([a.tenant.id]);
    for (const person of Object.values(b.people)) expect(await ids(person)).toEqual([b.tenant.id]);
    expect((await web.json("GET", "/v1/tenants")).status).toBe(401);
    expect((await (await h.as("operator")).json("GET", "/v1/tenants", undefined, authorization(platform))).status).toBe(403);
  });

  it("the invitee's endpoints are open to the web tier only, and need no session", async () => {
    const { token } = await freshInvitation();
    const operator = await h.as("operator");
    expect((await operator.json("GET", `/v1/invitations/${token}`)).status).toBe(403);
    const refused = await operator.json("POST", `/v1/invitations/${token}/accept`, { name: "Ivy", password: "velvet quarry lantern obsidian" });
    expect(refused.status).toBe(403);
    const web = await h.as("web");
    expect((await web.json("GET", `/v1/invitations/${token}`)).status).toBe(200);
    expect((await web.json("POST", `/v1/invitations/${token}/accept`, { name: "Ivy", password: "velvet quarry lantern obsidian" })).status).toBe(201);
  });

  it("another tenant's member or invitation id under one's own tenant is not found either", async () => {
    const web = await h.as("web");
    const target = await freshMember();
    const { invitation } = await freshInvitation();
    const asB = authorization(b.people.tenant_admin);
    expect((await web.json("DELETE", `/v1/tenants/${b.tenant.id}/members/${target.id}`, undefined, asB)).status).toBe(404);
    expect((await web.json("DELETE", `/v1/tenants/${b.tenant.id}/invitations/${invitation.id}`, undefined, asB)).status).toBe(404);
    expect((await h.prisma.user.findUniqueOrThrow({ where: { id: target.id } })).disabledAt).toBeNull();
    expect((await h.prisma.invitation.findUniqueOrThrow({ where: { id: invitation.id } })).revokedAt).toBeNull();
  });
});
