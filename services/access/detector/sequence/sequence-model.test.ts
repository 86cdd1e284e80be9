// The model learns a cyclic sequence and flags a key out of its order; it survives serialization.
import { describe, expect, it } from "vitest";
import { loadSequenceModel, trainSequenceModel } from "./sequence-model";
import { indexOf, vocabularyOf, windowBefore } from "./windows";

describe("sequence model", () => {
  it("flags an out-of-sequence key after training on a cycle, the same once reloaded", async () => {
    const v = vocabularyOf(["<pad>", "<unknown>", "a", "b", "c", "d"]);
    const cycle = (n: number) => Array.from({ length: n }, (_, k) => indexOf(v, "abcd"[k % 4]!));
    const config = { h: 3, g: 1, units: 16, embedding: 4, epochs: 40, maxExamples: 400, batchSize: 32 };
    const { model, metrics } = await trainSequenceModel([cycle(40), cycle(40)], v, config);
    expect(metrics.examples).toBe(80);
    const seq = cycle(10);
    const w = windowBefore(seq, 8, 3); // b c d → a expected
    expect(model.score([w, w], [indexOf(v, "a"), indexOf(v, "c")])).toEqual([false, true]);
    expect(model.expected([w])).toEqual([[indexOf(v, "a")]]); // what a flagged event is shown against
    const again = await loadSequenceModel(JSON.parse(JSON.stringify(model.serialize())));
    expect(again.score([w, w], [indexOf(v, "a"), indexOf(v, "c")])).toEqual([false, true]);
    model.dispose();
    again.dispose();
  }, 60_000); // training on a shared CPU: a generous bound, not a timing assertion
});
