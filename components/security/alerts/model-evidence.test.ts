import { describe, expect, it } from "vitest";
import { modelEvidenceSentence } from "./model-evidence";

const evidence = { key: "introspection:revoked", window: ["introspection:active", "introspection:active+burst"], expected: ["introspection:active+burst"], model: "token model", version: 3, g: 1 };

describe("the sentence of a model's evidence", () => {
  it("says the key, the keys before it and the ones expected", () => {
    expect(modelEvidenceSentence({ kind: "sequence", evidence })).toBe(
      "The token model (version 3) did not expect introspection:revoked after introspection:active → introspection:active+burst; the one it expected was introspection:active+burst.",
    );
  });
  it("reads the corroboration of a rules alert, and nothing where there is none", () => {
    expect(modelEvidenceSentence({ kind: "new-certificate", evidence: { presentedThumbprint: "B", model: { ...evidence, window: [], expected: ["a", "b"] } } })).toBe(
      "The sequence model agrees: the token model (version 3) did not expect introspection:revoked as its first event; the 2 it expected were a, b.",
    );
    expect(modelEvidenceSentence({ kind: "new-certificate", evidence: { presentedThumbprint: "B" } })).toBeNull();
  });
});
