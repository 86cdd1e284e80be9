// Every access-service endpoint that names a permission × every role, generated from the declared
// policies: a role without the permission gets 403 reason permission-missing before its input is read
// (a malformed body is refused, not validated: a read-only member learns nothing from a 422), the refusal
// is audited with the person and their tenant, and nothing else changes; a role with it gets past the
// policy. An ended session is refused (401) the same way, before the permission.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { roles, type Role } from "../../contracts/access-api";
import { accessPolicies } from "../../contracts/access-policies";
import { roleMayCall } from "../../contracts/route-policy";
import { declaredRoutes } from "../../services/common/http/policy";
import { changeEventCount, refusalEvents } from "../support/refusal-fixtures";
import { giveSecondFactor } from "../support/mfa-fixtures";
import { startAccessService, type AccessHarness } from "../support/start-access-service";
import { authorization, createPlatformAdmin, createTenantWithPeople, signInAs, type SignedInPerson } from "../support/tenant-fixtures";

type Method = "GET" | "POST" | "PUT" | "PATCH" | "DELETE";

let h: AccessHarness;
/** The refusal audit's clock, moved by the flood test; the matrix does not care what time it is. */
let clock = Date.now();
const people = {} as Record<Role, SignedInPerson>;

beforeAll(async () => {
  h = await startAccessService("permission_matrix", {}, { refusalAudit: { now: () => clock } });
  const acme = await createTenantWithPeople(h, { slug: "perm-acme" });
  people.platform_admin = await createPlatformAdmin(h);
  people.tenant_admin = acme.people.tenant_admin;
  people.tenant_member = acme.people.tenant_member;
  people.district_reviewer = acme.people.district_reviewer;
  // Those whose roles reach a step-up route have a second factor, given in this session, so they get past the policy.
  await giveSecondFactor(h, people.tenant_admin, people.district_reviewer);
});
afterAll(async () => h?.close());

const samplePath = (url: string) => url.replace(/:([A-Za-z0-9_]+)/g, "zz-nope");
const permissionRoutes = () => declaredRoutes(h.app).filter((r) => r.policy.permission !== undefined);

// An export let through records itself as it ends (license.export …: who took what), as a lookup does:
// a record of a read, not a change, so it is left out of "nothing else changed".
async function state() {
  const p = h.prisma;
  return (await Promise.all([p.user.count(), p.session.count({ where: { endedAt: null } }), p.tenant.count(), p.license.count(), p.token.count(), p.component.count(), p.resourceServer.count(), p.serviceTier.count(), p.invitation.count(), changeEventCount(h, { ignoreReads: true })])).join(",");
}

describe("person endpoints × roles", () => {
  it("covers every endpoint of the policy table that names a permission (each is served)", () => {
    const declared = Object.values(accessPolicies).filter((p) => p.permission !== undefined).map((p) => p.endpoint);
    expect(permissionRoutes().map((r) => r.policy.endpoint).sort()).toEqual(declared.sort());
  });

  for (const role of roles) {
    it(`${role}: refused before validation where the role lacks the permission, let through where it has it`, async () => {
      const web = await h.as("web");
      for (const { method, url, policy } of permissionRoutes()) {
        const label = `${role} → ${method} ${url} (${policy.permission})`;
        const body = method === "GET" ? undefined : JSON.stringify({ surely: "not what this endpoint takes" });
        const before = await state();
        const refusalsBefore = (await refusalEvents(h)).length;
        const res = await web.raw<{ reason?: string; requestId?: string; code?: string }>(method as Method, samplePath(url), body, {
          ...authorization(people[role]),
          ...(body ? { "content-type": "application/json" } : {}),
        });
        const refusals = await refusalEvents(h);
        if (roleMayCall(role, policy)) {
          // This harness runs no audit service: a route that reads it (the audit log, the record of
          // disclosures) gets past the policy and answers its documented 503 "unavailable", never a 500.
          if (res.status === 503) expect(res.body.code, label).toBe("unavailable");
          else expect(res.status, label).toBeLessThan(500);
          if (res.status === 401 || res.status === 403) expect(res.body.reason, label).not.toBe("permission-missing");
          expect(refusals.length, label).toBe(refusalsBefore);
        } else {
          expect(res.status, label).toBe(403);
          expect(res.body.reason, label).toBe("permission-missing");
          expect(refusals.length, label).toBe(refusalsBefore + 1);
          expect(refusals.at(-1), label).toMatchObject({
            actor: { type: "user", id: people[role].user.id, label: people[role].user.email },
            tenantId: people[role].user.tenantId,
            target: { type: "endpoint", id: `${method} ${url}` },
            requestId: res.body.requestId,
            data: { caller: "web", reason: "permission-missing", status: 403 },
          });
        }
        expect(await state(), `${label}: nothing else changed`).toBe(before);
      }
    });
  }

  it("a read-only member POSTing a malformed body to a write endpoint gets 403, not 422", async () => {
    const web = await h.as("web");
    for (const path of ["/v1/tiers", "/v1/components", "/v1/licenses", "/v1/tenants"]) {
      const res = await web.raw<{ code: string; reason: string }>("POST", path, "{ nope", { ...authorization(people.tenant_member), "content-type": "application/json" });
      expect(res.status, path).toBe(403);
      expect(res.body).toMatchObject({ code: "forbidden", reason: "permission-missing" });
    }
    // the same body from someone allowed is validation's business
    expect((await web.raw("POST", "/v1/tiers", "{ nope", { ...authorization(people.platform_admin), "content-type": "application/json" })).status).toBe(400);
  });

  it("an ended session is refused with 401 before the permission is looked at, audited without a person", async () => {
    const ended = await signInAs(h, people.tenant_member.user.email);
    const web = await h.as("web");
    expect((await web.json("POST", "/v1/auth/sign-out", undefined, authorization(ended))).status).toBe(204);
    const before = await state();
    const res = await web.raw<{ reason: string }>("POST", "/v1/tiers", "{ nope", { ...authorization(ended), "content-type": "application/json" });
    expect(res.status).toBe(401);
    expect(res.body.reason).toBe("session-ended");
    expect((await refusalEvents(h)).at(-1)).toMatchObject({ actor: { type: "service", id: "web" }, target: { id: "POST /v1/tiers" }, data: { reason: "session-required", status: 401 } });
    expect(await state()).toBe(before);
  });
});

describe("refusal audit stays bounded", () => {
  it("a flood of the same refusal writes one event a minute per caller, person, route and reason, the next carrying the count", async () => {
    const web = await h.as("web");
    const mine = async () => (await refusalEvents(h)).filter((e) => e.target?.id === "POST /v1/tenants" && e.actor.id === people.district_reviewer.user.id);
    clock += 61_000; // past the window the matrix above opened for this person and route
    const before = (await mine()).length;
    for (let n = 0; n < 25; n++) expect((await web.json("POST", "/v1/tenants", {}, authorization(people.district_reviewer))).status).toBe(403);
    expect((await mine()).length).toBe(before + 1);
    // another person on the same route is another slot
    expect((await web.json("POST", "/v1/tenants", {}, authorization(people.tenant_member))).status).toBe(403);
    clock += 61_000;
    expect((await web.json("POST", "/v1/tenants", {}, authorization(people.district_reviewer))).status).toBe(403);
    const events = await mine();
    expect(events.length).toBe(before + 2);
    expect(events.at(-1)?.data).toMatchObject({ suppressedBefore: 24, windowSeconds: 60 });
  });
});
