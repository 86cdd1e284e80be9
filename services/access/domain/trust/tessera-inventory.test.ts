// The trust page's inventory of Tessera's own data covers every table and column of both databases, as
// the generated Prisma clients know them: a new model or column fails here until it is declared.
import { describe, expect, it } from "vitest";
import { Prisma as AccessPrisma } from "../../generated/prisma/client";
import { Prisma as AuditPrisma } from "../../../audit/generated/prisma/client";
import { tesseraInventory } from "./tessera-inventory";

/** Every model of a generated client with its scalar columns, from its `<Model>ScalarFieldEnum`. */
function modelsOf(namespace: Record<string, unknown>, modelNames: Record<string, string>): Map<string, string[]> {
  const models = new Map<string, string[]>();
  for (const model of Object.values(modelNames)) {
    const fields = namespace[`${model}ScalarFieldEnum`] as Record<string, string> | undefined;
    models.set(model, Object.values(fields ?? {}).sort());
  }
  return models;
}

const schemas = {
  access: modelsOf(AccessPrisma as unknown as Record<string, unknown>, AccessPrisma.ModelName),
  audit: modelsOf(AuditPrisma as unknown as Record<string, unknown>, AuditPrisma.ModelName),
} as const;

describe("Tessera's own data inventory", () => {
  for (const database of ["access", "audit"] as const) {
    it(`declares every table of the ${database} database, and no other`, () => {
      const declared = tesseraInventory.filter((d) => d.database === database).map((d) => d.table).sort();
      expect(declared).toEqual([...schemas[database].keys()].sort());
    });

    it(`declares exactly the columns of each ${database} table`, () => {
      for (const [table, columns] of schemas[database]) {
        const entry = tesseraInventory.find((d) => d.database === database && d.table === table);
        expect({ table, columns: [...(entry?.columns ?? [])].sort() }).toEqual({ table, columns });
      }
    });
  }

  it("says each entry in plain words", () => {
    for (const entry of tesseraInventory) {
      for (const text of [entry.element, entry.purpose, entry.retention, entry.recipients]) expect(text.trim().length, entry.table).toBeGreaterThan(5);
    }
  });
});
