// Offline license certificates over real mTLS against a real database: they verify with standard JOSE
// verification that shares no code with the signer, tampering fails, rotation keeps old certificates
// verifiable, and only people who may read the license get one (other tenants: 404).
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { LicenseCertificateResponse } from "../../contracts/certificate-api";
import { maxCertificateLifetimeSeconds, rotateSigningKey } from "../../services/access/keys/signing-keys";
import { createCertificateCatalogue, fetchJwks, verifyWithJose, verifyWithNodeCrypto } from "../support/certificate-fixtures";
import { auditEvents, insertLicense } from "../support/catalogue-fixtures";
import { changeEventCount } from "../support/refusal-fixtures";
import { startAccessService, type AccessHarness } from "../support/start-access-service";
import { authorization, createPlatformAdmin, createTenantWithPeople, type SignedInPerson, type TenantWithPeople } from "../support/tenant-fixtures";

let h: AccessHarness;
let web: Awaited<ReturnType<AccessHarness["as"]>>;
let admin: SignedInPerson;
let acme: TenantWithPeople;
let globex: TenantWithPeople;
let catalogue: Awaited<ReturnType<typeof createCertificateCatalogue>>;
const issuer = "https://tessera.example.org";
const day = 86_400_000;

beforeAll(async () => {
  h = await startAccessService("certificates", { publicUrl: issuer });
  web = await h.as("web");
  catalogue = await createCertificateCatalogue(h);
  admin = await createPlatformAdmin(h);
  acme = await createTenantWithPeople(h, { slug: "acme", kind: "district", name: "Acme Unified" });
  globex = await createTenantWithPeople(h, { slug: "globex" });
});
afterAll(async () => h?.close());

const newLicense = (tenant = acme) => insertLicense(h, { tenantId: tenant.tenant.id, componentKey: "reports", tierId: catalogue.tier.id });
const certificateOf = (licenseId: string, person: SignedInPerson | null = acme.people.tenant_admin, client = web) =>
  client.json<LicenseCertificateResponse & { code?: string; reason?: string }>("GET", `/v1/licenses/${licenseId}/certificate`, undefined, person ? authorization(person) : {});

describe("GET /v1/licenses/:id/certificate", () => {
  it("returns a compact JWS that node:crypto and jose both verify from the JWKS, carrying the license", async () => {
    const license = await newLicense();
    const before = Math.floor(Date.now() / 1000);
    const res = await certificateOf(license.id);
    expect(res.status).toBe(200);
    expect(res.headers["cache-control"]).toBe("no-store");
    const jwks = await fetchJwks(h);

    const { header, claims } = verifyWithNodeCrypto(res.body.certificate, jwks);
    expect(header).toEqual({ alg: "EdDSA", kid: res.body.kid, typ: "tessera-license+jwt" });
    const verified = await verifyWithJose(res.body.certificate, jwks, issuer);
    expect(verified.protectedHeader.kid).toBe(res.body.kid);
    expect(verified.payload).toEqual(claims);
    expect(claims).toEqual({
      iss: issuer,
      sub: license.id,
      jti: expect.any(String),
      iat: expect.any(Number),
      nbf: Math.floor(license.startsAt.getTime() / 1000),
      // the license runs a year; a certificate lives at most 90 days
      exp: expect.any(Number),
      tenant: { id: acme.tenant.id, slug: "acme", name: "Acme Unified", kind: "district" },
      application: "reports",
      tier: { key: "standard", name: "Standard" },
      // the tier also grants etl:run, which belongs to another component
      scopes: ["reports:read"],
      seats: license.seats,
    });
    expect(claims.iat).toBeGreaterThanOrEqual(before);
    expect(claims.exp).toBe(claims.iat + maxCertificateLifetimeSeconds);
    expect(res.body.expiresAt).toBe(new Date(claims.exp * 1000).toISOString());
  });

  it("ends with the license when the license ends first, and names each certificate uniquely", async () => {
    const license = await newLicense();
    const endsAt = new Date(Math.floor((Date.now() + 10 * day) / 1000) * 1000);
    await h.prisma.license.update({ where: { id: license.id }, data: { endsAt } });
    const first = await certificateOf(license.id);
    const second = await certificateOf(license.id);
    const jwks = await fetchJwks(h);
    const a = verifyWithNodeCrypto(first.body.certificate, jwks).claims;
    const b = verifyWithNodeCrypto(second.body.certificate, jwks).claims;
    expect(a.exp).toBe(endsAt.getTime() / 1000);
    expect(first.body.expiresAt).toBe(endsAt.toISOString());
    expect(a.jti).not.toBe(b.jti);
  });

  it("a license that starts soon gets a certificate that is not valid before its start", async () => {
    const license = await newLicense();
    const startsAt = new Date(Math.floor((Date.now() + 10 * day) / 1000) * 1000);
    await h.prisma.license.update({ where: { id: license.id }, data: { startsAt } });
    const { certificate } = (await certificateOf(license.id)).body;
    const jwks = await fetchJwks(h);
    expect(verifyWithNodeCrypto(certificate, jwks).claims.nbf).toBe(startsAt.getTime() / 1000);
    await expect(verifyWithJose(certificate, jwks, issuer)).rejects.toThrow(/nbf/);
  });

  it("audits every issue with the key and certificate id, never the certificate", async () => {
    const license = await newLicense();
    const res = await certificateOf(license.id, acme.people.tenant_member);
    const { claims } = verifyWithNodeCrypto(res.body.certificate, await fetchJwks(h));
    const events = (await auditEvents(h, "license.certificate_issue")).filter((e) => e.target?.id === license.id);
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({
      actor: { type: "user", id: acme.people.tenant_member.user.id },
      target: { type: "license", id: license.id },
      tenantId: acme.tenant.id,
      data: { kid: res.body.kid, jti: claims.jti, expiresAt: res.body.expiresAt },
    });
    expect(JSON.stringify(events[0])).not.toContain(res.body.certificate.split(".")[2]);
  });

  it("fails verification once anything in it is changed", async () => {
    const license = await newLicense();
    const { certificate } = (await certificateOf(license.id)).body;
    const jwks = await fetchJwks(h);
    const [header64, payload64, signature64] = certificate.split(".");
    const payload = JSON.parse(Buffer.from(payload64, "base64url").toString("utf8")) as Record<string, unknown>;
    const morePayload = Buffer.from(JSON.stringify({ ...payload, seats: 5000 })).toString("base64url");
    const signature = Buffer.from(signature64, "base64url");
    signature[0] ^= 1;
    const otherHeader = Buffer.from(JSON.stringify({ alg: "EdDSA", kid: jwks.keys[0].kid, typ: "JWT" })).toString("base64url");
    const unsigned = `${Buffer.from(JSON.stringify({ alg: "none" })).toString("base64url")}.${payload64}.`;
    for (const forged of [
      `${header64}.${morePayload}.${signature64}`,
      `${header64}.${payload64}.${signature.toString("base64url")}`,
      `${otherHeader}.${payload64}.${signature64}`,
      unsigned,
    ]) {
      expect(() => verifyWithNodeCrypto(forged, jwks)).toThrow();
      await expect(verifyWithJose(forged, jwks, issuer)).rejects.toThrow();
    }
    // and it is not accepted for another issuer
    await expect(verifyWithJose(certificate, jwks, "https://elsewhere.example")).rejects.toThrow();
  });

  it("after a key rotation, old certificates still verify from the JWKS and new ones carry the new key", async () => {
    const license = await newLicense();
    const old = (await certificateOf(license.id)).body;
    const rotated = await rotateSigningKey(h.ctx.keysDir);
    expect(rotated.previousKid).toBe(old.kid);
    const fresh = (await certificateOf(license.id)).body;
    expect(fresh.kid).toBe(rotated.kid);
    expect(fresh.kid).not.toBe(old.kid);
    const jwks = await fetchJwks(h, "reports-worker");
    expect(jwks.keys.map((k) => k.kid)).toEqual(expect.arrayContaining([old.kid, fresh.kid]));
    for (const certificate of [old.certificate, fresh.certificate]) {
      expect(verifyWithNodeCrypto(certificate, jwks).claims.sub).toBe(license.id);
      expect((await verifyWithJose(certificate, jwks, issuer)).payload.sub).toBe(license.id);
    }
    // a verifier holding only the new key refuses the old certificate: the kid really selects the key
    const onlyNew = { keys: jwks.keys.filter((k) => k.kid === fresh.kid) };
    expect(() => verifyWithNodeCrypto(old.certificate, onlyNew)).toThrow();
  });

  it("refuses revoked, suspended and expired licenses with 409 and a reason, issuing nothing", async () => {
    const cases = [
      { data: { status: "revoked" as const }, reason: "license-revoked" },
      { data: { status: "suspended" as const }, reason: "license-suspended" },
      { data: { status: "expired" as const }, reason: "license-expired" },
      // still marked active, but its end has passed and no sweep has run yet
      { data: { endsAt: new Date(Date.now() - 1000) }, reason: "license-expired" },
      // starts after the longest a certificate taken now could live
      { data: { startsAt: new Date(Date.now() + 200 * day), endsAt: new Date(Date.now() + 400 * day) }, reason: "license-not-started" },
    ];
    for (const { data, reason } of cases) {
      const license = await newLicense();
      await h.prisma.license.update({ where: { id: license.id }, data });
      const before = await h.prisma.outboxEvent.count();
      const res = await certificateOf(license.id, admin);
      expect([res.status, res.body.code, res.body.reason]).toEqual([409, "conflict", reason]);
      expect(res.headers["content-type"]).toMatch(/application\/problem\+json/);
      expect(await h.prisma.outboxEvent.count()).toBe(before);
    }
  });
});

describe("who may take a certificate", () => {
  let license: { id: string };
  beforeAll(async () => {
    license = await newLicense();
  });

  const matrix: { who: string; person: () => SignedInPerson | null; identity?: string; status: number; code?: string }[] = [
    { who: "platform admin", person: () => admin, status: 200 },
    { who: "tenant admin of the tenant", person: () => acme.people.tenant_admin, status: 200 },
    { who: "tenant member of the tenant", person: () => acme.people.tenant_member, status: 200 },
    { who: "district reviewer of the tenant (no licenses.read)", person: () => acme.people.district_reviewer, status: 403, code: "forbidden" },
    { who: "tenant admin of another tenant", person: () => globex.people.tenant_admin, status: 404, code: "not-found" },
    { who: "tenant member of another tenant", person: () => globex.people.tenant_member, status: 404, code: "not-found" },
    { who: "district reviewer of another tenant", person: () => globex.people.district_reviewer, status: 403, code: "forbidden" },
    { who: "nobody (no bearer)", person: () => null, status: 401, code: "unauthenticated" },
    { who: "the operator identity, even with a bearer", person: () => admin, identity: "operator", status: 403, code: "forbidden" },
    { who: "an internal component identity", person: () => admin, identity: "reports-worker", status: 403, code: "forbidden" },
  ];
  for (const row of matrix) {
    it(`${row.who}: ${row.status}`, async () => {
      const before = await changeEventCount(h); // a refusal's own audit event aside
      const client = row.identity ? await h.as(row.identity) : web;
      const res = await certificateOf(license.id, row.person(), client);
      expect(res.status).toBe(row.status);
      if (row.status === 200) {
        expect(verifyWithNodeCrypto(res.body.certificate, await fetchJwks(h)).claims.sub).toBe(license.id);
        expect(await changeEventCount(h)).toBe(before + 1);
      } else {
        expect(res.headers["content-type"]).toMatch(/application\/problem\+json/);
        expect(res.body.code).toBe(row.code);
        expect(await changeEventCount(h)).toBe(before);
      }
    });
  }

  it("an ended session gets 401", async () => {
    const person = globex.people.tenant_admin;
    expect((await web.json("POST", "/v1/auth/sign-out", undefined, authorization(person))).status).toBe(204);
    const res = await certificateOf(license.id, person);
    expect([res.status, res.body.code]).toEqual([401, "unauthenticated"]);
  });

  it("an unknown id is 404 like another tenant's", async () => {
    const res = await certificateOf("lic_doesNotExist", admin);
    expect([res.status, res.body.code]).toEqual([404, "not-found"]);
  });

  it("malformed ids get a 4xx problem+json, never a 500, and issue nothing", async () => {
    const before = await h.prisma.outboxEvent.count();
    await fc.assert(
      fc.asyncProperty(fc.oneof(fc.string({ maxLength: 80 }), fc.string({ minLength: 65, maxLength: 300 }), fc.constantFrom("lic_", "lic_ x", "../x", "lic_%00", "LIC_abc")), async (id) => {
        const res = await web.raw("GET", `/v1/licenses/${encodeURIComponent(id)}/certificate`, undefined, authorization(admin));
        expect(res.status).toBeGreaterThanOrEqual(400);
        expect(res.status).toBeLessThan(500);
        expect(String(res.headers["content-type"])).toMatch(/application\/problem\+json/);
      }),
      { numRuns: 60 },
    );
    expect(await h.prisma.outboxEvent.count()).toBe(before);
  });

  it("bad percent-encoding and over-long ids are refused before routing, still as problem+json", async () => {
    for (const path of ["/v1/licenses/%zz/certificate", `/v1/licenses/lic_${"a".repeat(300)}/certificate`]) {
      const res = await web.raw("GET", path, undefined, authorization(admin));
      expect(res.status).toBeGreaterThanOrEqual(400);
      expect(res.status).toBeLessThan(500);
      expect(String(res.headers["content-type"])).toMatch(/application\/problem\+json/);
    }
  });
});

describe("GET /.well-known/jwks.json", () => {
  it("serves the public keys to every internal identity, as a JWK Set without private material", async () => {
    for (const identity of ["web", "operator", "audit", "reports-worker"]) {
      const res = await (await h.as(identity)).raw("GET", "/.well-known/jwks.json");
      expect(res.status).toBe(200);
      expect(res.headers["content-type"]).toMatch(/^application\/jwk-set\+json/);
      const body = res.body as { keys: Record<string, unknown>[] };
      expect(body.keys.length).toBeGreaterThan(0);
      for (const key of body.keys) {
        expect(key).toMatchObject({ kty: "OKP", crv: "Ed25519", alg: "EdDSA", use: "sig" });
        expect(Object.keys(key).sort()).toEqual(["alg", "crv", "kid", "kty", "use", "x"]);
      }
    }
  });
});
