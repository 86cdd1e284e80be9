import { describe, expect, it } from "vitest";
import { securityControls } from "../../../../contracts/security-plan";
import { securityPlanSummary } from "./security-plan-summary";

describe("the trust page's summary of the security plan", () => {
  it("says of each control whether its live check passed and when, without its evidence", () => {
    const checked = securityControls.find((c) => c.check)!;
    const practice = securityControls.find((c) => !c.check)!;
    const summary = securityPlanSummary([{ checkId: checked.check!, result: "fail", sentence: "guest/guest accepted at amqp://mq-7.internal", evidence: { host: "mq-7.internal" }, checkedAt: "2026-12-01T10:00:00.000Z" }]);
    const of = (id: string) => summary.controls.find((c) => c.id === id)!;
    expect(of(checked.id).status).toBe("checked live; did not pass on 2026-12-01 (being addressed)");
    expect(of(practice.id).status).toBe("a practice, not checked automatically");
    expect(JSON.stringify(summary)).not.toContain("mq-7.internal");
  });
});
