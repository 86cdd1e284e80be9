// The usage charts' words: bucket labels per bucket size in UTC, totals with singulars and plurals.
import { describe, expect, it } from "vitest";
import { bucketLabel, bucketSpan, hasUsage, totalsInWords } from "./usage-format";

describe("usage words", () => {
  it("labels hourly, six-hourly and daily buckets in UTC", () => {
    expect(bucketLabel("2025-03-10T14:00:00.000Z", 1)).toBe("14:00");
    expect(bucketLabel("2025-03-10T18:00:00.000Z", 6)).toBe("10 Mar, 18:00");
    expect(bucketLabel("2025-03-10T00:00:00.000Z", 24)).toBe("10 Mar");
    expect(bucketSpan("2025-03-10T23:00:00.000Z", 1)).toBe("10 Mar, 23:00 – 00:00 UTC");
    expect(bucketSpan("2025-03-10T00:00:00.000Z", 24)).toBe("10 Mar (UTC)");
  });

  it("says the totals in words", () => {
    expect(totalsInWords({ range: "24h", totals: { uses: 12, refusals: 1 } })).toBe("12 uses and 1 refusal in the last 24 hours.");
    expect(totalsInWords({ range: "30d", totals: { uses: 1, refusals: 0 } })).toBe("1 use and 0 refusals in the last 30 days.");
    expect(totalsInWords({ range: "7d", totals: { uses: 12345, refusals: 2 } })).toBe("12,345 uses and 2 refusals in the last 7 days.");
    expect(hasUsage({ totals: { uses: 0, refusals: 0 } })).toBe(false);
    expect(hasUsage({ totals: { uses: 0, refusals: 3 } })).toBe(true);
  });

  it("says a license's requests refused over its quota, and counts them as usage", () => {
    expect(totalsInWords({ range: "24h", totals: { uses: 3, refusals: 0, rateLimited: 1 } })).toBe("3 uses and 0 refusals, 1 request refused over the request-rate quota in the last 24 hours.");
    expect(totalsInWords({ range: "24h", totals: { uses: 3, refusals: 0, rateLimited: 0 } })).toBe("3 uses and 0 refusals, 0 requests refused over the request-rate quota in the last 24 hours.");
    expect(hasUsage({ totals: { uses: 0, refusals: 0, rateLimited: 7 } })).toBe(true);
  });
});
