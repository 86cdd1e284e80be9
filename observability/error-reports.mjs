// Error reports to Sentry (or a Sentry-compatible service: GlitchTip, Bugsink) when SENTRY_DSN is set:
// @sentry/node, errors only (no performance tracing: the traces go over OTLP, tracing.mjs), every event
// scrubbed before it leaves (scrub.mjs). Without a DSN the SDK is not even loaded. reportError is what the
// error handlers call; it finds the SDK through a global, so the code Next.js bundles reports through the
// instance the web tier's server started. Types: error-reports.d.mts.
import { scrubEvent, scrubValue } from "./scrub.mjs";

const sdkKey = Symbol.for("tessera.observability.sentry");

// Errors, their causes and the process's crashes; not the framework and HTTP integrations (our handlers
// report each 500 once, with its request id), nor breadcrumbs of console lines and outgoing requests.
const keptIntegrations = new Set(["EventFilters", "FunctionToString", "LinkedErrors", "Dedupe", "NodeSystemError", "OnUncaughtException", "OnUnhandledRejection", "ContextLines", "Context"]);

/** Starts error reports for `service` when SENTRY_DSN is set (SENTRY_ENVIRONMENT, SENTRY_RELEASE too). */
export async function startErrorReports({ service, env = process.env }) {
  if (!env.SENTRY_DSN) return { reporting: false, shutdown: async () => {} };
  const Sentry = await import("@sentry/node");
  Sentry.init({
    dsn: env.SENTRY_DSN,
    environment: env.SENTRY_ENVIRONMENT || undefined,
    release: env.SENTRY_RELEASE || undefined,
    serverName: service,
    initialScope: { tags: { "service.name": service } },
    // No module hooks, no performance integrations, no trace headers of Sentry's on our calls.
    enableRuntimeChannelInjection: false,
    defaultIntegrations: Sentry.getDefaultIntegrationsWithoutPerformance({}).filter((i) => keptIntegrations.has(i.name)),
    tracePropagationTargets: [],
    // Transactions, were any sent, as whole events that beforeSendTransaction sees (not streamed spans).
    traceLifecycle: "static",
    sendDefaultPii: false,
    beforeSend: (event) => scrubEvent(event),
    beforeSendTransaction: (event) => scrubEvent(event),
    beforeBreadcrumb: (breadcrumb) => scrubValue(breadcrumb),
  });
  globalThis[sdkKey] = Sentry;
  return { reporting: true, shutdown: async () => void (await Sentry.close(2000)) };
}

/** Reports an unexpected error (a 500) with the request it broke; nothing when reports are off. */
export function reportError(error, request = {}) {
  const Sentry = globalThis[sdkKey];
  if (!Sentry) return;
  Sentry.captureException(error, {
    tags: request.requestId ? { "http.request.id": request.requestId } : undefined,
    contexts: request.method || request.url ? { request: { method: request.method, url: request.url, headers: request.headers } } : undefined,
  });
}

/** Sends what is queued (tests, and a process about to exit). */
export async function flushErrorReports(timeoutMs = 2000) {
  const Sentry = globalThis[sdkKey];
  return Sentry ? Sentry.flush(timeoutMs) : true;
}
