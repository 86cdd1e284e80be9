// Every schema the contracts declare, fed junk, words its issues for people: none of zod's own English
// ("Too small: expected string to have >=1 characters", "Invalid ISO datetime") comes out.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import * as accessApi from "./access-api";
import * as auditApi from "./audit-api";
import * as catalogueApi from "./catalogue-api";
import * as certificateApi from "./certificate-api";
import { fieldErrorsOf, humanIssueMessage, nulCharacterMessage, nulFieldErrors } from "./field-messages";
import * as licenseApi from "./license-api";
import * as oauthApi from "./oauth-api";
import * as tenantApi from "./tenant-api";
import * as tokenApi from "./token-api";

const zodEnglish = /^(Invalid|Too (small|big)|Expected|Unrecognized key)|expected .+, received|>=|<=/;

const schemas = Object.entries({ accessApi, auditApi, catalogueApi, certificateApi, licenseApi, oauthApi, tenantApi, tokenApi }).flatMap(([module, exports]) =>
  Object.entries(exports)
    .filter((entry): entry is [string, z.ZodType] => entry[1] instanceof z.ZodType)
    .map(([name, schema]) => ({ name: `${module}.${name}`, schema })),
);

const junk = fc.oneof(
  fc.anything({ maxDepth: 3 }),
  fc.dictionary(fc.constantFrom("name", "email", "id", "scopes", "endsAt", "token", "slug", "kind", "limit", "events"), fc.anything({ maxDepth: 2 })),
  fc.constantFrom({}, { name: "" }, { endsAt: "yesterday" }, { email: "not-an-address" }, { scopes: [] }, { limit: "-1" }),
);

describe("human field messages", () => {
  it("the contracts declare schemas to check", () => {
    expect(schemas.length).toBeGreaterThan(40);
  });

  it("no contract schema answers junk in zod's own words", () => {
    fc.assert(
      fc.property(fc.constantFrom(...schemas), junk, ({ name, schema }, input) => {
        const result = schema.safeParse(input, { error: humanIssueMessage });
        if (result.success) return;
        for (const [field, messages] of Object.entries(fieldErrorsOf(result.error))) {
          for (const message of messages) expect(message, `${name} ${field}`).not.toMatch(zodEnglish);
        }
      }),
      { numRuns: 3000, seed: 8 },
    );
  });

  it("without the map, the same inputs would show zod's text (the check can fail)", () => {
    const result = z.object({ name: z.string().min(1), at: z.iso.datetime() }).safeParse({ name: "", at: "x" });
    expect(result.success).toBe(false);
    if (!result.success) expect(result.error.issues.map((i) => i.message).join(" ")).toMatch(zodEnglish);
  });

  it("a message declared with the schema wins over the map", () => {
    const result = z.object({ name: z.string().min(1, "Enter a name.") }).safeParse({ name: "" }, { error: humanIssueMessage });
    expect(!result.success && fieldErrorsOf(result.error)).toEqual({ name: ["Enter a name."] });
  });

  it("names each field holding a NUL character, at any depth, keys included", () => {
    expect(nulFieldErrors({ a: "ok", b: "x\u0000", c: [{ d: "\u0000" }], "e\u0000": 1 })).toEqual({
      b: [nulCharacterMessage],
      "c.0.d": [nulCharacterMessage],
      "e\\0": [nulCharacterMessage],
    });
    expect(nulFieldErrors("\u0000")).toEqual({ _: [nulCharacterMessage] });
    expect(nulFieldErrors({ a: "fine", n: 1, z: null })).toEqual({});
  });
});
