import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { complianceSections } from "./compliance-sections";

const root = path.resolve(import.meta.dirname, "../..");

describe("the Compliance area's sections", () => {
  it("each has its page, so the sub-navigation never links to nothing", () => {
    for (const { href } of complianceSections) {
      const page = path.join(root, "app", "(console)", ...href.split("/").filter(Boolean), "page.tsx");
      expect(fs.existsSync(page), href).toBe(true);
    }
  });
});
