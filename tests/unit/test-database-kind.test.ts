// The tests' database is PostgreSQL unless TEST_DATABASE=pglite asks otherwise; a typo is refused, not
// read as "embedded", so CI cannot fall back to PGlite by accident.
import { describe, expect, it } from "vitest";
import { testDatabaseKind } from "../support/test-database";

describe("testDatabaseKind", () => {
  it("is PostgreSQL when nothing is set, PGlite only when asked by name", () => {
    expect(testDatabaseKind({})).toBe("postgresql");
    expect(testDatabaseKind({ TEST_DATABASE: "postgresql" })).toBe("postgresql");
    expect(testDatabaseKind({ TEST_DATABASE: "pglite" })).toBe("pglite");
  });

  it("refuses any other value", () => {
    for (const value of ["", "PGlite", "embedded", "1"]) expect(() => testDatabaseKind({ TEST_DATABASE: value })).toThrow(/TEST_DATABASE must be/);
  });
});
