// Every variable the README's configuration table documents for a process reaches that process when the
// operator sets it, and no other process; every setting a process declares is documented.
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { homeLayout } from "../../cli/home";
import { accessEnv, auditEnv, webEnv } from "../../cli/launcher/process-env";
import { everyProcessSettings, operatorSettings, type ProcessName } from "../../cli/launcher/process-settings";

const root = path.resolve(import.meta.dirname, "../..");
const processes: ProcessName[] = ["audit", "access", "web"];

/** Rows of the README's configuration table: each variable with the processes that take it. */
function documentedVariables(): { name: string; takenBy: ProcessName[] }[] {
  const readme = fs.readFileSync(path.join(root, "README.md"), "utf8");
  const table = readme.slice(readme.indexOf("| variable | process |"));
  const rows = table.split("\n").slice(2).filter((line) => line.startsWith("|"));
  // A variable may have several rows (ACCESS_PORT: the launcher's, and the access service's).
  const byName = new Map<string, Set<ProcessName>>();
  for (const row of rows) {
    const [names, who] = row.split("|").slice(1, 3).map((cell) => cell.trim());
    const takenBy = processes.filter((p) => who === "every process" || (who === "services" && p !== "web") || who.split(/,\s*/).includes(p));
    for (const m of names.matchAll(/`([A-Z][A-Z0-9_]+)`/g)) byName.set(m[1], new Set([...(byName.get(m[1]) ?? []), ...takenBy]));
  }
  return [...byName].map(([name, takenBy]) => ({ name, takenBy: [...takenBy] }));
}

function envs(settings: Record<string, string>) {
  const layout = homeLayout("/srv/tessera");
  return {
    audit: auditEnv(layout, { host: "127.0.0.1", port: 7444, settings }),
    access: accessEnv(layout, { host: "127.0.0.1", port: 7443, auditUrl: "https://a:7444", publicUrl: "https://console.example", settings }),
    web: webEnv(layout, { accessUrl: "https://a:7443", publicUrl: "https://console.example", sessionSecret: "s", settings }),
  };
}

describe("the launcher's settings", () => {
  const documented = documentedVariables();

  it("finds the README's table", () => {
    expect(documented.map((d) => d.name)).toEqual(expect.arrayContaining(["WEB_TRUSTED_PROXY_HOPS", "SESSION_IDLE_MINUTES", "SETUP_LINK_MINUTES"]));
  });

  it("passes every documented variable to the processes that take it, and to no other", () => {
    const settings = Object.fromEntries(documented.map((d) => [d.name, `set-${d.name}`]));
    const built = envs(settings);
    for (const { name, takenBy } of documented) {
      for (const p of processes) {
        expect({ name, process: p, passed: name in built[p] }).toEqual({ name, process: p, passed: takenBy.includes(p) });
      }
    }
  });

  it("documents every setting a process declares, for that process", () => {
    for (const p of processes) {
      for (const name of [...operatorSettings[p], ...everyProcessSettings]) {
        expect({ name, documentedFor: documented.find((d) => d.name === name)?.takenBy.includes(p) ?? false }).toEqual({ name, documentedFor: true });
      }
    }
  });

  it("passes the telemetry settings (observability/settings.mjs) to every process", () => {
    const built = envs({ OTEL_EXPORTER_OTLP_ENDPOINT: "http://collector:4318", SENTRY_DSN: "https://k@sentry.example/1" });
    for (const p of processes) expect([p, built[p].OTEL_EXPORTER_OTLP_ENDPOINT, built[p].SENTRY_DSN]).toEqual([p, "http://collector:4318", "https://k@sentry.example/1"]);
  });

  it("lets the operator's value through, not a default of its own", () => {
    const built = envs({ SESSION_IDLE_MINUTES: "7", WEB_TRUSTED_PROXY_HOPS: "1", AUDIT_DATABASE_URL: "postgresql://db/audit" });
    expect(built.access.SESSION_IDLE_MINUTES).toBe("7");
    expect(built.web.WEB_TRUSTED_PROXY_HOPS).toBe("1");
    expect(built.audit.AUDIT_DATABASE_URL).toBe("postgresql://db/audit");
    expect(built.web.NEXTAUTH_URL).toBe("https://console.example");
  });
});
