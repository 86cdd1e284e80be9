// Every action Tessera records has its sentence: the actions are read from the source that records them
// (recordEvent callers, the operator's tools, the services' refusal audits, the audit service's own).
// Log field names (ECS's "http.request.id") look like actions and are not.
import fs from "node:fs";
import path from "node:path";
import { EcsFlat } from "@elastic/ecs";
import { describe, expect, it } from "vitest";
import { permissions } from "./permissions";
import { checkIds } from "./security-plan";
import { eventSentence, eventSentences } from "./audit-sentences";

const root = path.resolve(import.meta.dirname, "..");
const sources = ["services/access", "services/common", "services/audit/domain", "cli"];
const notActions = new Set<string>([...permissions, ...checkIds, "access.log", "audit.log", "web.log", "req.headers.authorization", "req.headers.cookie", "ca.crl", "prisma.io", "schema.prisma", "holder.name"]);

function recordedActions(): Set<string> {
  const found = new Set<string>();
  const walk = (dir: string) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const file = path.join(dir, entry.name);
      if (entry.isDirectory()) {
        if (entry.name !== "generated" && entry.name !== "node_modules") walk(file);
      } else if (/\.ts$/.test(entry.name) && !/\.test\.ts$/.test(entry.name)) {
        const text = fs.readFileSync(file, "utf8");
        for (const m of text.matchAll(/"([a-z]+(?:_[a-z]+)*(?:\.[a-z]+(?:_[a-z]+)*)+)"/g)) if (!notActions.has(m[1]) && !(m[1] in EcsFlat) && !/\.(ts|js|json|sql|key|pem|jwk|crt|jsonl)$/.test(m[1])) found.add(m[1]);
      }
    }
  };
  for (const s of sources) walk(path.join(root, s));
  return found;
}

describe("event sentences", () => {
  it("has a template for every action the code records", () => {
    const recorded = recordedActions();
    expect(recorded.size).toBeGreaterThan(35);
    expect(recorded).toContain("license.revoke");
    expect(recorded).toContain("pki.certificate_renew");
    const missing = [...recorded].filter((a) => !(a in eventSentences)).sort();
    expect(missing).toEqual([]);
  });

  it("reads as a sentence with names, failures included, and a generic one for an unknown action", () => {
    const base = { actorName: "Ada Lovelace", targetName: "Reports", targetType: "license", tenantName: "Denver Public Schools", data: {} };
    expect(eventSentence({ ...base, action: "license.revoke", outcome: "success" })).toBe("Ada Lovelace revoked license Reports for Denver Public Schools");
    expect(eventSentence({ ...base, action: "auth.sign_in", outcome: "failure", targetName: null, data: { reason: "wrong-password" } })).toBe("A sign-in as Ada Lovelace was refused (wrong-password)");
    expect(eventSentence({ ...base, action: "license.create", outcome: "failure" })).toBe("Ada Lovelace created license Reports for Denver Public Schools (failed)");
    expect(eventSentence({ ...base, action: "license.change_tier", outcome: "success", data: { fromTier: "Basic", toTier: "Pro" } })).toBe("Ada Lovelace changed the tier of license Reports for Denver Public Schools from Basic to Pro");
    expect(eventSentence({ ...base, action: "gadget.polish", outcome: "success", targetType: "gadget", targetName: "g1", tenantName: null })).toBe("Ada Lovelace: gadget polish on gadget g1");
  });
});
