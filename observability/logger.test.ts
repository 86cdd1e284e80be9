// Every line the shared logger writes is ECS (checked against @elastic/ecs's published field set), our own
// fields land under `tessera.`, the active span's ids are on the line, and no secret gets through.
import { PassThrough } from "node:stream";
import { context, trace } from "@opentelemetry/api";
import { AsyncLocalStorageContextManager } from "@opentelemetry/context-async-hooks";
import { EcsFlat } from "@elastic/ecs";
import { describe, expect, it } from "vitest";
import { ecsProblems, field, logLines } from "../tests/support/ecs-fields";
import { createLogger, ecsRoots } from "./logger.mjs";
import { requestLineFields } from "./request-line.mjs";

function capture() {
  const out = new PassThrough();
  let text = "";
  out.on("data", (chunk: Buffer) => (text += chunk.toString()));
  return { out, lines: () => logLines(text) };
}

describe("the shared ECS logger", () => {
  it("names ECS's top-level fields as @elastic/ecs does", () => {
    const roots = new Set(Object.keys(EcsFlat).map((name) => name.split(".")[0]));
    expect([...ecsRoots].sort()).toEqual([...roots].sort());
  });

  it("writes ECS lines: request lines, errors, our own fields under tessera, child bindings", async () => {
    const { out, lines } = capture();
    const log = createLogger({ service: "access", destination: out });
    log.info(requestLineFields({ requestId: "req-1", method: "GET", url: "/v1/licenses?q=secret", status: 200, durationNs: 1_250_000, clientIp: "127.0.0.1" }), "request completed");
    log.error({ err: new Error("boom") }, "failed");
    log.info({ url: "https://127.0.0.1:7443", revoked: 2, caller: { identity: "web" }, database: "postgresql" }, "listening");
    log.child({ "http.request.id": "req-2" }).warn({ retryInMs: 1000 }, "retrying");
    await new Promise((r) => setImmediate(r));
    const written = lines();
    expect(written).toHaveLength(4);
    for (const line of written) expect(ecsProblems(line)).toEqual([]);
    const [request, failure, listening, retrying] = written;
    expect(field(request, "service.name")).toBe("access");
    expect(field(request, "http.request.id")).toBe("req-1");
    expect(field(request, "url.path")).toBe("/v1/licenses");
    expect(JSON.stringify(request)).not.toContain("secret");
    expect(field(failure, "error.message")).toBe("boom");
    expect(field(failure, "log.level")).toBe("error");
    expect(listening.tessera).toEqual({ url: "https://127.0.0.1:7443", revoked: 2, caller: { identity: "web" }, database: "postgresql" });
    expect(field(retrying, "http.request.id")).toBe("req-2");
  });

  it("puts the active span's ids on every line", async () => {
    const { out, lines } = capture();
    const log = createLogger({ service: "audit", destination: out });
    const span = trace.wrapSpanContext({ traceId: "0af7651916cd43dd8448eb211c80319c", spanId: "b7ad6b7169203331", traceFlags: 1 });
    context.setGlobalContextManager(new AsyncLocalStorageContextManager().enable());
    context.with(trace.setSpan(context.active(), span), () => log.info("inside"));
    await new Promise((r) => setImmediate(r));
    const [line] = lines();
    expect(ecsProblems(line)).toEqual([]);
    expect([field(line, "trace.id"), field(line, "span.id")]).toEqual(["0af7651916cd43dd8448eb211c80319c", "b7ad6b7169203331"]);
  });

  it("lets no secret through, in a message, a field or an error", async () => {
    const { out, lines } = capture();
    const log = createLogger({ service: "web", destination: out });
    log.warn({ pasted: "tsr_AbCdEf0123456789_xyz", password: "correct horse", req: { headers: { authorization: "Bearer abc.def.ghi", cookie: "next-auth.session-token=xyz" } } }, "token tss_abcdefgh0123 seen");
    log.error({ err: new Error("license key tlk_ABCDEFGH12 refused") }, "failed");
    await new Promise((r) => setImmediate(r));
    const text = JSON.stringify(lines());
    for (const secret of ["tsr_AbCd", "tss_abcd", "tlk_ABCD", "abc.def.ghi", "session-token=xyz", "correct horse"]) expect(text).not.toContain(secret);
  });
});
