// Error reports to Sentry: with SENTRY_DSN set, an unexpected error of a service (a 500) reaches the DSN
// endpoint — here an in-test one — as an event, and the token, license key, password, cookie,
// authorization header and e-mail address it carried in its message, its request and its extra data are
// not in what was received.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { FastifyInstance } from "fastify";
import * as Sentry from "@sentry/node";
import { flushErrorReports, startErrorReports } from "../../observability/error-reports.mjs";
import { generateToken } from "../../services/access/domain/tokens/token-format";
import { createService } from "../../services/common/http/create-service";
import { createMtlsClient } from "../../services/common/http/mtls-client";
import { routeOptions } from "../../services/common/http/policy";
import { PassThrough } from "node:stream";
import { createLogger } from "../../observability/logger.mjs";
import { routeConsoleToLogger } from "../../lib/web-server/console-to-logger.mjs";
import { eventually, startSentryReceiver } from "../support/telemetry-receivers";
import { createTestPki, type TestPki } from "../support/test-pki";

let pki: TestPki;
let app: FastifyInstance;
let url: string;
let receiver: Awaited<ReturnType<typeof startSentryReceiver>>;
let reports: Awaited<ReturnType<typeof startErrorReports>>;
const token = generateToken();
const licenseKey = "tlk_3KX9QF2M7ZPA4WBC";
const email = "ada.lovelace@example.org";
const password = "copper lantern orbit harbour";

beforeAll(async () => {
  receiver = await startSentryReceiver();
  reports = await startErrorReports({ service: "probe", env: { SENTRY_DSN: receiver.dsn } });
  pki = await createTestPki();
  app = createService({ name: "probe", tls: await pki.issue("probe"), logLevel: "silent" });
  app.post("/v1/boom", routeOptions({ endpoint: "POST /v1/boom", callers: ["web"] }), async () => {
    Sentry.setExtra("attempt", { licenseKey, password, note: `for ${email}`, bearer: `Bearer ${token}` });
    throw new Error(`token ${token} of ${email} refused with license key ${licenseKey}`);
  });
  await app.listen({ host: "127.0.0.1", port: 0 });
  url = `https://127.0.0.1:${(app.server.address() as { port: number }).port}`;
  await pki.issue("web");
});
afterAll(async () => {
  await app?.close();
  await reports?.shutdown();
  await receiver?.close();
  await pki?.remove();
});

describe("error reports", () => {
  it("sends a forced error's event with no secret or personal data in it", async () => {
    const client = createMtlsClient(url, await pki.client("web"));
    const res = await client.json<{ code: string }>("POST", `/v1/boom?email=${encodeURIComponent(email)}&token=${token}`, { password }, {
      authorization: `Bearer ${token}`,
      cookie: `next-auth.session-token=${token}`,
      "x-request-id": "boom-1",
    });
    await client.close();
    expect(res.status).toBe(500);
    await flushErrorReports();
    const envelope = await eventually("the event at the DSN endpoint", () => receiver.received.find((e) => e.items.some((i) => i.type === "event")));
    const event = envelope.items.find((i) => i.type === "event")!.payload as { exception?: { values: { value: string }[] }; tags?: Record<string, string>; extra?: Record<string, unknown> };
    // It is the forced error, told apart by its request id, with the sentence's shape kept.
    expect(event.tags?.["http.request.id"]).toBe("boom-1");
    expect(event.exception?.values[0].value).toBe("token tsr_[redacted] of [email] refused with license key tlk_[redacted]");
    expect(event.extra?.attempt).toEqual({ licenseKey: "[redacted]", password: "[redacted]", note: "for [email]", bearer: "Bearer [redacted]" });
    // One report of the error, and nothing in anything received.
    expect(receiver.received.filter((e) => e.items.some((i) => i.type === "event"))).toHaveLength(1);
    const everything = receiver.received.map((e) => e.raw).join("\n");
    expect(everything).toContain("boom-1");
    for (const secret of [token, token.slice(0, 12), licenseKey, email, password, "ada.lovelace", "session-token="]) expect({ secret, found: everything.includes(secret) }).toEqual({ secret, found: false });
  });

  it("reports what the web tier's Next.js prints as an error (its server routes console.error to the logger), scrubbed too", async () => {
    const saved = { ...console };
    const out = new PassThrough();
    let logged = "";
    out.on("data", (c: Buffer) => (logged += c.toString()));
    routeConsoleToLogger(createLogger({ service: "web", destination: out }));
    try {
      console.error("Error rendering /licenses:", new Error(`render failed for ${email} with ${token}`));
    } finally {
      Object.assign(console, saved);
    }
    await flushErrorReports();
    const envelope = await eventually("the render error at the DSN endpoint", () => receiver.received.find((e) => e.raw.includes("render failed for")));
    const event = envelope.items.find((i) => i.type === "event")!.payload as { exception?: { values: { value: string }[] } };
    expect(event.exception?.values[0].value).toBe("render failed for [email] with tsr_[redacted]");
    expect(JSON.parse(logged)).toMatchObject({ "log.level": "error", message: "Error rendering /licenses:", error: { message: expect.stringContaining("with tsr_[redacted]") } });
    for (const secret of [token, email]) expect(envelope.raw.includes(secret)).toBe(false);
  });
});
