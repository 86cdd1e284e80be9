// What leaves for an error tracker carries no credential and no person's data, at any depth.
import { describe, expect, it } from "vitest";
import { scrubEvent, scrubText } from "./scrub.mjs";

describe("scrubbing error reports", () => {
  it("cuts our secrets, bearer credentials and e-mail addresses (plain or percent-encoded) out of text", () => {
    expect(scrubText("token tsr_AbCdEf0123456789 for ada@example.org")).toBe("token tsr_[redacted] for [email]");
    expect(scrubText("/v1/x?email=ada%40example.org")).toBe("/v1/x?email=[email]");
    expect(scrubText("authorization: Bearer eyJhbGciOi.x.y")).toBe("authorization: Bearer [redacted]");
  });

  it("replaces fields that name credentials or personal data, keeps the user's id only, drops cookies", () => {
    const event = scrubEvent({
      message: "failed for bob@example.com",
      user: { id: "usr_1", email: "bob@example.com", ip_address: "10.0.0.1" },
      request: { cookies: { "next-auth.session-token": "x" }, headers: { authorization: "Basic abc", cookie: "a=b", "user-agent": "curl" } },
      extra: { licenseKey: "ABC", nested: { password: "pw", apiKey: "k", clientSecret: "s", count: 3 } },
    });
    expect(event).toEqual({
      message: "failed for [email]",
      user: { id: "usr_1" },
      request: { headers: { authorization: "[redacted]", cookie: "[redacted]", "user-agent": "curl" } },
      extra: { licenseKey: "[redacted]", nested: { password: "[redacted]", apiKey: "[redacted]", clientSecret: "[redacted]", count: 3 } },
    });
  });
});
