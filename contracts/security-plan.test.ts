// The plan as data: every control sits in a CSF 2.0 category of its own function, ids are unique, and every
// self-check is the evidence of at least one control (a check no control cites would be shown nowhere).
import { describe, expect, it } from "vitest";
import { checkIds, checkTitles, controlsOf, csfFunctions, securityControls } from "./security-plan";

describe("the security plan", () => {
  it("maps every control to a category of its own CSF function, with a unique id", () => {
    for (const c of securityControls) {
      expect(c.category.startsWith(`${c.function}.`), c.id).toBe(true);
      expect(c.id.startsWith(`${c.category}-`), c.id).toBe(true);
      expect(c.text.length, c.id).toBeGreaterThan(40);
    }
    expect(new Set(securityControls.map((c) => c.id)).size).toBe(securityControls.length);
  });

  it("covers all six functions, each with at least one control", () => {
    expect(csfFunctions.map((f) => f.id)).toEqual(["GV", "ID", "PR", "DE", "RS", "RC"]);
    for (const fn of csfFunctions) expect(controlsOf(fn.id).length, fn.id).toBeGreaterThan(0);
  });

  it("cites every check from a control, and titles each", () => {
    const cited = new Set(securityControls.flatMap((c) => (c.check ? [c.check] : [])));
    expect([...cited].sort()).toEqual([...checkIds].sort());
    for (const id of checkIds) expect(checkTitles[id]).toBeTruthy();
  });
});
