// Property tests: whatever arrives as a body, id or query string on the tenant, member and invitation
// endpoints gets an answer below 500, a refusal is problem+json, and a refusal changes nothing.
import { randomUUID } from "node:crypto";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { CreateInvitationResponse } from "../../contracts/tenant-api";
import { startAccessService, type AccessHarness } from "../support/start-access-service";
import { authorization, createPlatformAdmin, createTenantWithPeople, type SignedInPerson, type TenantWithPeople } from "../support/tenant-fixtures";

type Web = Awaited<ReturnType<AccessHarness["as"]>>;
type Method = "GET" | "POST" | "PATCH" | "DELETE";

let h: AccessHarness;
let web: Web;
let platform: SignedInPerson;
let acme: TenantWithPeople;
const runs = { numRuns: 80 };

beforeAll(async () => {
  h = await startAccessService("tenants-malformed");
  web = await h.as("web");
  platform = await createPlatformAdmin(h);
  acme = await createTenantWithPeople(h, { slug: "acme", kind: "district" });
});
afterAll(async () => h?.close());

/** A fingerprint of everything this area writes: any change to it means a request changed something. */
async function snapshot() {
  const [tenants, users, invitations, events] = await Promise.all([
    h.prisma.tenant.findMany({ orderBy: { id: "asc" } }),
    h.prisma.user.findMany({ orderBy: { id: "asc" } }),
    h.prisma.invitation.findMany({ orderBy: { id: "asc" } }),
    h.prisma.outboxEvent.count(),
  ]);
  return JSON.stringify({ tenants, users, invitations, events });
}

/** Sends the request; on refusal asserts problem+json and that nothing changed. Returns the status. */
async function sendAndCheck(method: Method, path: string, body: string | undefined, as: SignedInPerson): Promise<number> {
  const before = await snapshot();
  const headers = { ...authorization(as), ...(body === undefined ? {} : { "content-type": "application/json" }) };
  const res = await web.raw<{ code?: string }>(method, path, body, headers);
  expect(res.status, `${method} ${path} ${body ?? ""}`).toBeLessThan(500);
  if (res.status >= 400) {
    expect(res.headers["content-type"], `${method} ${path}`).toMatch(/application\/problem\+json/);
    expect(await snapshot()).toBe(before);
  }
  return res.status;
}

// Text that stresses a server: full Unicode (lone surrogates too), control characters, SQL and LIKE syntax.
const nastyString = fc.oneof(
  fc.string({ unit: "binary", maxLength: 80 }),
  fc.constantFrom("", " ", "\u0000", "a\u0000b", "%", "_", "\\", "'; drop table tenants;--", "ten_", "x".repeat(5000), "\ud800", "🙂"),
);
const anyValue = fc.oneof(nastyString, fc.anything({ maxDepth: 2 }), fc.integer(), fc.double(), fc.boolean(), fc.constant(null));
/** An object whose fields are each either a valid value or junk, and each may be missing. */
const mostlyValid = (valid: Record<string, fc.Arbitrary<unknown>>) =>
  fc.record(Object.fromEntries(Object.entries(valid).map(([key, good]) => [key, fc.oneof(good, anyValue)])), { requiredKeys: [] });
const anyBody = fc.oneof(
  anyValue.map((v) => JSON.stringify(v) ?? "null"),
  fc.string({ maxLength: 60 }), // not JSON at all
);

describe("malformed input never causes a 500 and never a partial write", () => {
  it("POST /v1/tenants", async () => {
    let slugs = 0;
    const valid = {
      slug: fc.constant(null).map(() => `prop-${++slugs}`),
      name: fc.constantFrom("Prop Co", "Prop District"),
      kind: fc.constantFrom("company", "district"),
      districtState: fc.constantFrom("CA", "", null),
      dataAgreement: fc.constantFrom("NDPA", "", null),
      dataAgreementSignedAt: fc.constantFrom("2025-01-31", "", null),
    };
    await fc.assert(
      fc.asyncProperty(fc.oneof(mostlyValid(valid).map((b) => JSON.stringify(b)), anyBody), async (body) => {
        const status = await sendAndCheck("POST", "/v1/tenants", body, platform);
        expect([201, 400, 409, 415, 422]).toContain(status);
      }),
      runs,
    );
  });

  it("PATCH /v1/tenants/:id", async () => {
    const valid = {
      name: fc.constantFrom("Acme District"),
      kind: fc.constantFrom("company", "district"),
      districtState: fc.constantFrom("CA", "", null),
      dataAgreement: fc.constantFrom("NDPA", "", null),
      dataAgreementSignedAt: fc.constantFrom("2025-01-31", "", null),
    };
    await fc.assert(
      fc.asyncProperty(fc.oneof(mostlyValid(valid).map((b) => JSON.stringify(b)), anyBody), async (body) => {
        const status = await sendAndCheck("PATCH", `/v1/tenants/${acme.tenant.id}`, body, platform);
        expect([200, 400, 415, 422]).toContain(status);
      }),
      runs,
    );
  });

  it("POST /v1/tenants/:id/invitations", async () => {
    let n = 0;
    const valid = { email: fc.constant(null).map(() => `prop${++n}@example.org`), role: fc.constantFrom("tenant_member", "tenant_admin", "platform_admin") };
    await fc.assert(
      fc.asyncProperty(fc.oneof(mostlyValid(valid).map((b) => JSON.stringify(b)), anyBody), async (body) => {
        const status = await sendAndCheck("POST", `/v1/tenants/${acme.tenant.id}/invitations`, body, acme.people.tenant_admin);
        expect([201, 400, 409, 415, 422]).toContain(status);
      }),
      runs,
    );
  });

  it("POST /v1/invitations/:token/accept", async () => {
    // Each run gets its own link: a random password strong enough for the policy may well be accepted.
    const valid = { name: fc.constantFrom("Ivy Invitee"), password: fc.constantFrom("short", "password123password", "amber glacier pepper violin") };
    await fc.assert(
      fc.asyncProperty(fc.oneof(mostlyValid(valid).map((b) => JSON.stringify(b)), anyBody), async (body) => {
        const invited = await web.json<CreateInvitationResponse>("POST", `/v1/tenants/${acme.tenant.id}/invitations`, { email: `${randomUUID()}@example.org`, role: "tenant_member" }, authorization(platform));
        const token = invited.body.inviteUrl.split("/invitations/")[1];
        const status = await sendAndCheck("POST", `/v1/invitations/${token}/accept`, body, platform);
        expect([201, 400, 415, 422]).toContain(status);
      }),
      runs,
    );
  });

  it("GET /v1/tenants query strings", async () => {
    const param = fc.oneof(nastyString, fc.constantFrom("0", "-1", "1e3", "25", "101", "company", "district", "NaN"));
    const query = fc.record({ search: param, kind: param, limit: param, cursor: param, extra: param }, { requiredKeys: [] });
    await fc.assert(
      fc.asyncProperty(query, async (q) => {
        const qs = new URLSearchParams(Object.entries(q).map(([k, v]) => [k, v as string])).toString();
        const status = await sendAndCheck("GET", `/v1/tenants?${qs}`, undefined, platform);
        expect([200, 400, 422]).toContain(status);
      }),
      runs,
    );
    // repeated keys arrive as arrays
    expect(await sendAndCheck("GET", "/v1/tenants?limit=1&limit=2&kind=company&kind=district", undefined, platform)).toBe(422);
  });

  it("ids and tokens in paths", async () => {
    const id = fc.oneof(nastyString.filter((s) => s.length > 0 && s.length < 90), fc.constantFrom("ten_x", "usr_x", "inv_x", acme.tenant.id));
    const paths: ((x: string) => [Method, string])[] = [
      (x) => ["GET", `/v1/tenants/${x}`],
      (x) => ["GET", `/v1/tenants/${x}/members`],
      (x) => ["GET", `/v1/tenants/${x}/invitations`],
      (x) => ["DELETE", `/v1/tenants/${acme.tenant.id}/members/${x}`],
      (x) => ["DELETE", `/v1/tenants/${x}/members/usr_notauser`],
      (x) => ["DELETE", `/v1/tenants/${acme.tenant.id}/invitations/${x}`],
      (x) => ["GET", `/v1/invitations/${x}`],
    ];
    await fc.assert(
      fc.asyncProperty(id, fc.nat(paths.length - 1), async (x, i) => {
        // Percent-encode every UTF-8 byte, so even lone surrogates and control characters reach the server.
        const encoded = [...Buffer.from(x, "utf8")].map((b) => `%${b.toString(16).padStart(2, "0")}`).join("");
        const [method, path] = paths[i](encoded);
        const status = await sendAndCheck(method, path, undefined, platform);
        expect(status === 200 || (status >= 400 && status < 500)).toBe(true);
      }),
      { numRuns: 150 },
    );
    expect(await h.prisma.user.count({ where: { disabledAt: { not: null } } })).toBe(0);
  });

  it.each(["%zz", "%", "%E0%A4%A", "ten_%00"])("a badly encoded id %s is a 4xx", async (raw) => {
    const status = await sendAndCheck("GET", `/v1/tenants/${raw}`, undefined, platform);
    expect(status).toBeGreaterThanOrEqual(400);
  });
});
