// What every process starts first: traces (tracing.mjs) and error reports (error-reports.mjs), each on
// only when configured. Types: telemetry.d.mts.
import { startErrorReports } from "./error-reports.mjs";
import { startTracing } from "./tracing.mjs";

export async function startTelemetry({ service, env = process.env }) {
  const tracing = startTracing({ service, env });
  const reports = await startErrorReports({ service, env });
  return {
    tracing: tracing.exporting,
    reporting: reports.reporting,
    /** Sends the spans and reports still buffered. */
    shutdown: async () => void (await Promise.allSettled([tracing.shutdown(), reports.shutdown()])),
  };
}
