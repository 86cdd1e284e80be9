import { describe, expect, it } from "vitest";
import { clientAddress } from "./access-client";

describe("the browser's address", () => {
  it("is the entry our proxy appended, not what the browser claims", () => {
    expect(clientAddress("6.6.6.6, 198.51.100.4", 1)).toBe("198.51.100.4");
    expect(clientAddress("198.51.100.4", 1)).toBe("198.51.100.4");
  });
  it("counts several trusted proxies from the right", () => {
    expect(clientAddress("6.6.6.6, 198.51.100.4, 10.0.0.2", 2)).toBe("198.51.100.4");
  });
  it("is unknown when the header is missing or not an address", () => {
    expect(clientAddress(null, 1)).toBeUndefined();
    expect(clientAddress("evil<script>", 1)).toBeUndefined();
  });
});
