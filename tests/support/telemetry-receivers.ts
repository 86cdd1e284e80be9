// In-test stand-ins for where telemetry goes in production: an OTLP/HTTP traces receiver (what Elastic
// APM, Jaeger, Tempo and the OpenTelemetry Collector expose on /v1/traces, JSON encoding) and a Sentry
// DSN endpoint (envelopes on /api/PROJECT/envelope/). Plain node:http servers on 127.0.0.1 that keep what
// they are sent.
import http from "node:http";
import { gunzipSync, inflateSync } from "node:zlib";

export type ReceivedSpan = { service: string; traceId: string; spanId: string; parentSpanId: string; name: string; kind: number; attributes: Record<string, unknown> };

type Receiver<T> = { url: string; received: T[]; close(): Promise<void> };

async function listen(handle: (path: string, body: Buffer, headers: http.IncomingHttpHeaders) => void): Promise<{ url: string; close(): Promise<void> }> {
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const raw = Buffer.concat(chunks);
      const encoding = req.headers["content-encoding"];
      const body = encoding === "gzip" ? gunzipSync(raw) : encoding === "deflate" ? inflateSync(raw) : raw;
      try {
        handle(req.url ?? "/", body, req.headers);
        res.writeHead(200, { "content-type": "application/json" }).end("{}");
      } catch (e) {
        res.writeHead(400).end(String(e));
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as { port: number };
  return { url: `http://127.0.0.1:${port}`, close: () => new Promise((resolve) => server.close(() => resolve())) };
}

type OtlpValue = { stringValue?: string; intValue?: string | number; boolValue?: boolean; doubleValue?: number };
type OtlpAttribute = { key: string; value: OtlpValue };
const valueOf = (v: OtlpValue) => v.stringValue ?? (v.intValue !== undefined ? Number(v.intValue) : (v.boolValue ?? v.doubleValue));
const attributes = (list: OtlpAttribute[] = []) => Object.fromEntries(list.map((a) => [a.key, valueOf(a.value)]));

/** Collects the spans POSTed to /v1/traces (OTLP/HTTP, JSON), each with its resource's service.name. */
export async function startOtlpReceiver(): Promise<Receiver<ReceivedSpan>> {
  const received: ReceivedSpan[] = [];
  const server = await listen((path, body, headers) => {
    if (path !== "/v1/traces") throw new Error(`unexpected path ${path}`);
    if (!String(headers["content-type"]).includes("json")) throw new Error("this receiver decodes the JSON encoding only");
    const payload = JSON.parse(body.toString()) as { resourceSpans: { resource: { attributes: OtlpAttribute[] }; scopeSpans: { spans: (Omit<ReceivedSpan, "service" | "attributes"> & { attributes?: OtlpAttribute[] })[] }[] }[] };
    for (const rs of payload.resourceSpans) {
      const service = String(attributes(rs.resource.attributes)["service.name"]);
      for (const ss of rs.scopeSpans) for (const span of ss.spans) received.push({ ...span, parentSpanId: span.parentSpanId ?? "", service, attributes: attributes(span.attributes) });
    }
  });
  return { ...server, received };
}

export type ReceivedEnvelope = { raw: string; items: { type: string; payload: Record<string, unknown> }[] };

/** Collects Sentry envelopes; its DSN is `http://key@127.0.0.1:PORT/1`. */
export async function startSentryReceiver(): Promise<Receiver<ReceivedEnvelope> & { dsn: string }> {
  const received: ReceivedEnvelope[] = [];
  const server = await listen((path, body) => {
    if (!/^\/api\/1\/envelope\/?/.test(path)) throw new Error(`unexpected path ${path}`);
    const raw = body.toString();
    const [, ...rest] = raw.split("\n").filter((l) => l.trim());
    const items: ReceivedEnvelope["items"] = [];
    for (let i = 0; i + 1 < rest.length; i += 2) items.push({ type: (JSON.parse(rest[i]) as { type: string }).type, payload: JSON.parse(rest[i + 1]) as Record<string, unknown> });
    received.push({ raw, items });
  });
  return { ...server, received, dsn: server.url.replace("http://", "http://key@") + "/1" };
}

/** Waits until `probe` gives a value (telemetry is sent in batches, after a short delay). */
export async function eventually<T>(what: string, probe: () => T | undefined, deadlineMs = 30_000): Promise<T> {
  const deadline = Date.now() + deadlineMs;
  while (Date.now() < deadline) {
    const value = probe();
    if (value !== undefined) return value;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`${what}: not within ${deadlineMs / 1000} s`);
}
