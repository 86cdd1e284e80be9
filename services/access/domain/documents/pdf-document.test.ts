import { describe, expect, it } from "vitest";
import { renderPdf } from "./pdf-document";

describe("renderPdf", () => {
  it("renders a PDF whose pages are that breaks a long table across pages without a page of footers only", async () => {
    const rows = Array.from({ length: 150 }, (_, i) => [`row ${i}`, "x".repeat(60)]);
    const pdf = await renderPdf({ title: "Record", footer: "Tessera", sections: [{ heading: "Rows", blocks: [{ table: { columns: ["Name", "Text"], rows } }] }] }, new Date("2026-12-02T00:00:00Z"));
    const text = pdf.toString("latin1");
    expect(text.startsWith("%PDF-1.7")).toBe(true);
    const pages = Number(/\/Type \/Pages[\s\S]*?\/Count (\d+)/.exec(text)?.[1]);
    expect(pages).toBeGreaterThan(1);
    expect(pages).toBeLessThan(8); // 150 short rows fill about four pages; footers drawn below the margin once added a page each
  });
});
