// Secret scanners' reports (GitHub's partner program style): a platform admin registers the reporter's P-256
// key; a report signed by it revokes the live Tessera tokens in it, audits each in its tenant's log and
// labels every entry; bad signature, unknown or retired key, malformed body and oversized batch are refused
// and change nothing but are audited (token.leak_batch, failure, at most one a minute per reason and key);
// each accepted batch is audited once at platform level; the reported tokens never reach the log, an event
// or the answer.
import { generateKeyPairSync, sign, createHash, type KeyObject } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { LeakReportResponse, SecretScannerKeyDto } from "../../contracts/token-leak-api";
import { generateToken } from "../../services/access/domain/tokens/token-format";
import { changeEventCount } from "../support/refusal-fixtures";
import { authorization } from "../support/tenant-fixtures";
import { createTokenViaApi, createTokenWorld, introspectorFor, tokenSnapshot, type TokenWorld } from "../support/token-fixtures";
import { startAccessService, type AccessHarness } from "../support/start-access-service";

let h: AccessHarness;
let w: TokenWorld;
let read: string;
const reporterKey = generateKeyPairSync("ec", { namedCurve: "prime256v1" });
const strangerKey = generateKeyPairSync("ec", { namedCurve: "prime256v1" });
const keyIdentifier = "bcb53661c06b4728e59d897fb6165d5c9cda0fd9cdf9d09ead458168deb7518c";
let registered: SecretScannerKeyDto;
/** The refusal audits' clock: moved past the window where a test needs the next refusal recorded. */
let clock = Date.now();
const nextWindow = () => (clock += 61_000);

type BatchEvent = { action: string; outcome: string; actor: { type: string; id: string | null; label: string | null }; target: { type: string; id: string } | null; tenantId: string | null; requestId: string; data: Record<string, unknown> };
async function batchEvents(outcome: "success" | "failure"): Promise<BatchEvent[]> {
  const rows = await h.prisma.outboxEvent.findMany({ where: { AND: [{ payload: { path: ["action"], equals: "token.leak_batch" } }, { payload: { path: ["outcome"], equals: outcome } }] }, orderBy: { createdAt: "asc" } });
  return rows.map((r) => r.payload as BatchEvent);
}
/** Outbox events other than refusals (a refused report's included): what a refusal must leave unchanged. */
const changeEvents = () => changeEventCount(h);

const pem = (k: KeyObject) => k.export({ type: "spki", format: "pem" }).toString();
const signature = (body: Buffer, key: KeyObject = reporterKey.privateKey) => sign("sha256", body, { key, dsaEncoding: "der" }).toString("base64");
const sha256 = (text: string) => createHash("sha256").update(text).digest("hex");

/** What the web tier forwards: the raw bytes as received (base64) and the two headers. */
async function report(body: Buffer | string, opts: { keyIdentifier?: string; signature?: string } = {}) {
  const bytes = Buffer.isBuffer(body) ? body : Buffer.from(body);
  const web = await h.as("web");
  return web.json<LeakReportResponse>("POST", "/v1/token-leaks", { body: bytes.toString("base64"), keyIdentifier: opts.keyIdentifier ?? keyIdentifier, signature: opts.signature ?? signature(bytes) });
}

beforeAll(async () => {
  h = await startAccessService("token-leaks", {}, { logLevel: "info", refusalAudit: { now: () => clock } });
  w = await createTokenWorld(h, "tl");
  read = `${w.cat.reports.key}:read`;
  const web = await h.as("web");
  const res = await web.json<{ key: SecretScannerKeyDto }>("POST", "/v1/secret-scanner-keys", { reporter: "GitHub secret scanning", keyIdentifier, publicKey: pem(reporterKey.publicKey) }, authorization(w.admin));
  if (res.status !== 201) throw new Error(`register: ${res.status} ${JSON.stringify(res.body)}`);
  registered = res.body.key;
}, 120_000);
afterAll(async () => h?.close());

describe("registering a scanner's key", () => {
  it("keeps the key's fingerprint and refuses a second key under the same identifier", async () => {
    expect(registered.fingerprint).toBe(createHash("sha256").update(reporterKey.publicKey.export({ type: "spki", format: "der" })).digest("hex"));
    const web = await h.as("web");
    const again = await web.json("POST", "/v1/secret-scanner-keys", { reporter: "x", keyIdentifier, publicKey: pem(strangerKey.publicKey) }, authorization(w.admin));
    expect(again.status).toBe(409);
  });

  it("refuses what is not a P-256 public key, and anyone but a platform admin", async () => {
    const web = await h.as("web");
    const rsa = generateKeyPairSync("rsa", { modulusLength: 2048 }).publicKey;
    for (const publicKey of ["not a key", pem(rsa), pem(generateKeyPairSync("ec", { namedCurve: "secp384r1" }).publicKey)]) {
      const res = await web.json<{ fieldErrors: Record<string, string[]> }>("POST", "/v1/secret-scanner-keys", { reporter: "x", keyIdentifier: "k2", publicKey }, authorization(w.admin));
      expect(res.status).toBe(422);
      expect(res.body.fieldErrors.publicKey).toBeDefined();
    }
    // A private key would give its public half: refused as what it is.
    const privatePem = strangerKey.privateKey.export({ type: "pkcs8", format: "pem" }).toString();
    const pasted = await web.json<{ fieldErrors: Record<string, string[]> }>("POST", "/v1/secret-scanner-keys", { reporter: "x", keyIdentifier: "k2", publicKey: privatePem }, authorization(w.admin));
    expect(pasted.status).toBe(422);
    expect(pasted.body.fieldErrors.publicKey?.[0]).toMatch(/private key/);
    const tenantAdmin = await web.json("POST", "/v1/secret-scanner-keys", { reporter: "x", keyIdentifier: "k3", publicKey: pem(strangerKey.publicKey) }, authorization(w.acme.people.tenant_admin));
    expect(tenantAdmin.status).toBe(403);
    expect(await h.prisma.secretScannerKey.count()).toBe(1);
  });
});

describe("POST /v1/token-leaks", () => {
  it("revokes a live token, audits it in its tenant's log, and labels each entry", async () => {
    const live = await createTokenViaApi(h, w.admin, w.licenseId, { name: "Leaky", scopes: [read] });
    const stranger = generateToken();
    const body = JSON.stringify([
      { token: live.secret, type: "tessera_token", url: "https://github.com/acme/app/blob/abc/config.yml", source: "content" },
      { token: stranger, type: "tessera_token", url: "https://example.test/x", source: "content" },
      { token: "tsr_short", type: "tessera_token", url: "", source: "content" },
    ]);
    const written: string[] = [];
    const original = process.stdout.write.bind(process.stdout);
    process.stdout.write = ((chunk: string | Uint8Array, ...rest: never[]) => {
      written.push(String(chunk));
      return original(chunk, ...rest);
    }) as typeof process.stdout.write;
    let res: Awaited<ReturnType<typeof report>>;
    try {
      res = await report(body);
      await new Promise((resolve) => setImmediate(resolve));
    } finally {
      process.stdout.write = original;
    }
    expect(res.status).toBe(200);
    expect(res.body).toEqual([
      { token_hash: sha256(live.secret), token_type: "tessera_token", label: "true_positive" },
      { token_hash: sha256(stranger), token_type: "tessera_token", label: "false_positive" },
      { token_hash: sha256("tsr_short"), token_type: "tessera_token", label: "false_positive" },
    ]);
    const row = await h.prisma.token.findUniqueOrThrow({ where: { id: live.token.id } });
    expect(row.revokedAt).not.toBeNull();
    expect(row.revokeReason).toBe("leak-reported");
    expect(await (await introspectorFor(h))(live.secret)).toEqual({ active: false });
    const events = (await h.prisma.outboxEvent.findMany()).map((e) => e.payload as { action: string; tenantId: string; actor: { type: string; label: string }; target: { id: string }; data: Record<string, unknown> });
    const leak = events.filter((e) => e.action === "token.leak_revoke");
    expect(leak).toHaveLength(1);
    expect(leak[0]).toMatchObject({ tenantId: w.acme.tenant.id, target: { id: live.token.id }, actor: { type: "service", label: "GitHub secret scanning" } });
    expect(leak[0]!.data).toMatchObject({ state: "revoked", foundAt: "https://github.com/acme/app/blob/abc/config.yml", licenseId: w.licenseId });
    // The batch once, at platform level: the two entries that are not Tessera's are counted there, and only there.
    const batch = (await batchEvents("success")).filter((e) => e.requestId === res.headers["x-request-id"]);
    expect(batch).toHaveLength(1);
    expect(batch[0]).toMatchObject({ tenantId: null, actor: { type: "service", id: registered.id, label: "GitHub secret scanning" }, target: { type: "secret_scanner_key", id: registered.id } });
    expect(batch[0]!.data).toEqual({ reporter: "GitHub secret scanning", keyIdentifier, entries: 3, revoked: 1, alreadyRevoked: 0, alreadyExpired: 0, unknown: 2 });
    // The found tokens appear in no event and no log line.
    const everything = JSON.stringify(events) + written.join("");
    expect(written.join("")).toContain("/v1/token-leaks");
    for (const secret of [live.secret, stranger]) {
      expect(everything).not.toContain(secret.slice(4, 40));
      expect(JSON.stringify(events)).not.toContain(sha256(secret));
    }
  });

  it("an already revoked (or expired) token is a true positive, reported but not revoked again", async () => {
    const t = await createTokenViaApi(h, w.admin, w.licenseId, { name: "Old", scopes: [read] });
    const web = await h.as("web");
    await web.json("POST", `/v1/tokens/${t.token.id}/revoke`, undefined, authorization(w.admin));
    const revokedAt = (await h.prisma.token.findUniqueOrThrow({ where: { id: t.token.id } })).revokedAt;
    const res = await report(JSON.stringify([{ token: t.secret, type: "tessera_token", url: "https://x.test/", source: "commit" }]));
    expect(res.status).toBe(200);
    expect(res.body[0]!.label).toBe("true_positive");
    const row = await h.prisma.token.findUniqueOrThrow({ where: { id: t.token.id } });
    expect(row.revokedAt).toEqual(revokedAt);
    expect(row.revokeReason).toBe("revoked");
    const events = (await h.prisma.outboxEvent.findMany()).map((e) => e.payload as { action: string; target: { id: string } | null; data: { state?: string } });
    expect(events.filter((e) => e.target?.id === t.token.id && e.action === "token.leak_report").map((e) => e.data.state)).toEqual(["already-revoked"]);
    const batch = (await batchEvents("success")).find((e) => e.requestId === res.headers["x-request-id"]);
    expect(batch?.data).toMatchObject({ entries: 1, revoked: 0, alreadyRevoked: 1, alreadyExpired: 0, unknown: 0 });
  });

  it("refuses a bad signature, an unknown key and a retired key with 401, changing nothing but the refusal's audit", async () => {
    nextWindow();
    const live = await createTokenViaApi(h, w.admin, w.otherLicenseId, { name: "Target", scopes: [read] });
    const body = Buffer.from(JSON.stringify([{ token: live.secret, type: "tessera_token", url: "https://github.com/acme/app/blob/abc/.env", source: "content" }]));
    const before = await tokenSnapshot(h);
    const outbox = await changeEvents();
    const refusedBefore = (await batchEvents("failure")).length;
    const cases: [string, Parameters<typeof report>[1], string][] = [
      ["signed by another key", { signature: signature(body, strangerKey.privateKey) }, "bad-signature"],
      ["signature of other bytes", { signature: signature(Buffer.concat([body, Buffer.from(" ")])) }, "bad-signature"],
      ["garbage signature", { signature: "bm90IGEgc2lnbmF0dXJl" }, "bad-signature"],
      ["unknown key identifier", { keyIdentifier: "nobody" }, "unknown-key"],
    ];
    for (const [label, opts, reason] of cases) {
      const res = await report(body, opts);
      expect(res.status, label).toBe(401);
      expect((res.body as unknown as { reason: string }).reason, label).toBe(reason);
    }
    expect(await tokenSnapshot(h)).toBe(before);
    expect(await changeEvents()).toBe(outbox);
    // One event per reason and key a window: the three bad signatures are one event, the unknown key another.
    const refused = (await batchEvents("failure")).slice(refusedBefore);
    expect(refused.map((e) => e.data.reason)).toEqual(["bad-signature", "unknown-key"]);
    expect(refused[0]).toMatchObject({ tenantId: null, actor: { type: "service", id: registered.id }, target: { type: "secret_scanner_key", id: registered.id }, data: { keyIdentifier, retired: false, suppressedBefore: 0 } });
    expect(refused[1]).toMatchObject({ tenantId: null, actor: { type: "anonymous", id: null }, target: null, data: { keyIdentifier: "nobody", suppressedBefore: 0 } });
    // Nothing of the body: not the token, not where it was found, not the body's bytes.
    const text = JSON.stringify(refused);
    for (const piece of [live.secret.slice(4, 40), sha256(live.secret), "blob/abc/.env", body.toString("base64").slice(0, 40)]) expect(text).not.toContain(piece);
    // The next window's first refusal says how many were held back.
    await report(body, { keyIdentifier: "nobody" });
    nextWindow();
    expect((await report(body, { keyIdentifier: "someone-else" })).status).toBe(401);
    expect((await batchEvents("failure")).at(-1)).toMatchObject({ data: { reason: "unknown-key", keyIdentifier: "someone-else", suppressedBefore: 1 } });
  });

  it("records no secret-shaped key identifier in the refusal's event", async () => {
    nextWindow();
    const shaped = `tss_${"a".repeat(43)}`;
    const res = await report("[]", { keyIdentifier: shaped });
    expect(res.status).toBe(401);
    const last = (await batchEvents("failure")).at(-1)!;
    expect(last.data).toMatchObject({ reason: "unknown-key", keyIdentifier: null });
    expect(JSON.stringify(last)).not.toContain(shaped);
  });

  it("refuses a malformed body and an oversized batch with 400, changing nothing but the refusal's audit", async () => {
    nextWindow();
    const before = await tokenSnapshot(h);
    const outbox = await changeEvents();
    const refusedBefore = (await batchEvents("failure")).length;
    const tooMany = JSON.stringify(Array.from({ length: 101 }, () => ({ token: generateToken(), type: "t", url: "", source: "" })));
    const cases: [string, string][] = [
      ["not JSON", "[{"],
      ["an object, not an array", JSON.stringify({ token: "tsr_x" })],
      ["an empty batch", "[]"],
      ["an entry without its token", JSON.stringify([{ type: "t" }])],
      ["101 tokens", tooMany],
    ];
    for (const [label, body] of cases) {
      const res = await report(body);
      expect(res.status, label).toBe(400);
      expect((res.body as unknown as { reason: string }).reason, label).toBe(label === "101 tokens" ? "batch-too-large" : "malformed-report");
    }
    const web = await h.as("web");
    expect((await web.json("POST", "/v1/token-leaks", { body: "!!", keyIdentifier, signature: "x" })).status).toBe(422);
    expect(await tokenSnapshot(h)).toBe(before);
    expect(await changeEvents()).toBe(outbox);
    const refused = (await batchEvents("failure")).slice(refusedBefore);
    expect(refused.map((e) => e.data.reason)).toEqual(["malformed-report", "batch-too-large"]);
    expect(refused.every((e) => e.target?.id === registered.id && e.data.keyIdentifier === keyIdentifier)).toBe(true);
  });

  it("is the web tier's alone: another identity is refused", async () => {
    const body = Buffer.from("[]");
    const other = await h.as("reports-worker");
    const res = await other.json("POST", "/v1/token-leaks", { body: body.toString("base64"), keyIdentifier, signature: signature(body) });
    expect(res.status).toBe(403);
  });

  it("a retired key's reports are refused", async () => {
    const web = await h.as("web");
    const retired = await web.json<{ key: SecretScannerKeyDto }>("POST", `/v1/secret-scanner-keys/${registered.id}/retire`, undefined, authorization(w.admin));
    expect(retired.status).toBe(200);
    expect(retired.body.key.retiredAt).not.toBeNull();
    const res = await report(JSON.stringify([{ token: generateToken(), type: "t", url: "", source: "" }]));
    expect(res.status).toBe(401);
    expect((await batchEvents("failure")).at(-1)).toMatchObject({ target: { id: registered.id }, data: { reason: "unknown-key", retired: true } });
    expect((await web.json("POST", `/v1/secret-scanner-keys/${registered.id}/retire`, undefined, authorization(w.admin))).status).toBe(409);
  });
});
