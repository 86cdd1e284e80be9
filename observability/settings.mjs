// The settings every process takes to be observed, declared once: the launcher passes them to each process
// it starts (cli/launcher/process-settings.ts) and the services check them at start
// (services/common/config/load-env.ts telemetryEnv). OTEL_* are OpenTelemetry's standard names, which the
// OTLP exporter reads itself; SENTRY_* are Sentry's. Types: settings.d.mts.
export const telemetrySettings = [
  "OTEL_EXPORTER_OTLP_ENDPOINT",
  "OTEL_EXPORTER_OTLP_TRACES_ENDPOINT",
  "OTEL_EXPORTER_OTLP_HEADERS",
  "OTEL_SERVICE_NAME",
  "SENTRY_DSN",
  "SENTRY_ENVIRONMENT",
  "SENTRY_RELEASE",
];
