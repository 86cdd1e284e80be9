// The one logger factory of every process (access, audit, the web tier, the launcher's supervisor lines):
// pino writing Elastic Common Schema through @elastic/ecs-pino-format, each line passed through the
// secret redaction on its way out. ECS fixes the names and types of its fields; a field of ours that is
// not ECS (`revoked`, `setupUrl`, …) is moved under `tessera.`, our own namespace, so that no call site
// can collide with an ECS field of another type in Elasticsearch. The active span's ids are added to
// every line as `trace.id` / `span.id`, the ids the traces carry. Types: logger.d.mts.
import { trace } from "@opentelemetry/api";
import { ecsFormat } from "@elastic/ecs-pino-format";
import pino from "pino";
import { redactingStream } from "./redact-secrets.mjs";

/** ECS's top-level field sets and fields (ECS 9.4, checked against @elastic/ecs in logger.test.ts). */
export const ecsRoots = new Set(
  "@timestamp agent client cloud container data_stream destination device dll dns ecs email entity error event faas file gen_ai group host http labels log message network observer orchestrator organization package process registry related rule server service source span tags threat tls trace transaction url user user_agent volume vulnerability".split(" "),
);

/** The namespace of our own fields. */
export const customNamespace = "tessera";

/** ECS roots that are fields themselves; every other root is a field set (an object). */
const leafRoots = new Set(["@timestamp", "message", "tags", "labels"]);

/** Whether `key: value` is ECS-shaped: under an ECS field set, or one of its leaf fields. */
function isEcsKey(key, value) {
  const root = key.split(".", 1)[0];
  if (!ecsRoots.has(root)) return false;
  // `url: "https://…"` names an ECS field set but holds a string: a field of ours, not ECS's `url.*`.
  return key !== root || leafRoots.has(root) || (typeof value === "object" && value !== null && !Array.isArray(value));
}

/** `obj` with every key outside ECS moved under `tessera.`. */
function ecsShaped(obj) {
  let custom;
  const out = {};
  for (const key of Object.keys(obj)) {
    if (isEcsKey(key, obj[key])) out[key] = obj[key];
    else (custom ??= {})[key] = obj[key];
  }
  if (custom) out[customNamespace] = { ...out[customNamespace], ...custom };
  return out;
}

/** The active span's ids, unless the line names its own. */
function traceFields(mergeObject) {
  if (mergeObject && mergeObject["trace.id"]) return {};
  const span = trace.getActiveSpan();
  if (!span) return {};
  const { traceId, spanId } = span.spanContext();
  return { "trace.id": traceId, "span.id": spanId };
}

/**
 * A pino logger for `service` writing ECS lines to `destination` (stdout by default). Headers that carry
 * credentials are censored wherever a request object is logged.
 */
export function createLogger({ service, level = "info", destination = process.stdout }) {
  const ecs = ecsFormat({ serviceName: service, convertErr: true, apmIntegration: false });
  return pino(
    {
      ...ecs,
      level,
      formatters: {
        level: ecs.formatters.level,
        bindings: (bindings) => ecsShaped(ecs.formatters.bindings(bindings)),
        log: (obj) => ecsShaped(ecs.formatters.log(obj)),
      },
      mixin: traceFields,
      redact: { paths: redactedPaths, censor: "[redacted]" },
    },
    redactingStream(destination),
  );
}

// Redaction applies to the line as formatted: a field of ours sits under `tessera.` by then.
const credentialPaths = ["headers.authorization", "headers.cookie", "*.headers.authorization", "*.headers.cookie", "password", "*.password"];
const redactedPaths = [...credentialPaths, ...credentialPaths.map((p) => `${customNamespace}.${p}`)];

const processLoggerKey = Symbol.for("tessera.observability.logger");

/**
 * This process's logger, created on first use: the web tier's server creates it, and the code Next.js
 * bundles (lib/server/log.ts) finds the same instance rather than a second one.
 */
export function processLogger(service) {
  globalThis[processLoggerKey] ??= createLogger({ service, level: process.env.LOG_LEVEL ?? "info" });
  return globalThis[processLoggerKey];
}
