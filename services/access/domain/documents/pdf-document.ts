// Every PDF Tessera renders (the security plan, the record of disclosures, certificates of destruction,
// breach notices): one small document model drawn with pdfkit's built-in Helvetica, so that nothing is
// fetched and no browser runs. A document is a title, optional lines under it, and sections of
// paragraphs, key–value lists and tables; pages break and number themselves.
import PDFDocument from "pdfkit";

export type PdfTable = { columns: string[]; rows: string[][]; /** Relative column widths (default equal). */ widths?: number[] };
export type PdfBlock =
  | { paragraph: string }
  | { facts: [label: string, value: string][] }
  | { table: PdfTable }
  | { bullets: string[] };
export type PdfSection = { heading: string; blocks: PdfBlock[] };
export type PdfSpec = {
  title: string;
  /** Lines under the title: who it is for, when it was generated, what it references. */
  subtitle?: string[];
  sections: PdfSection[];
  /** Printed at the foot of every page beside the page number (e.g. "Tessera · generated 2026-12-02T10:00Z"). */
  footer?: string;
};

const margin = 50;
const ink = "#111827";
const muted = "#4b5563";

/** Renders the document to PDF bytes. Deterministic for the same spec except pdfkit's creation date, which is fixed to `createdAt`. */
export function renderPdf(spec: PdfSpec, createdAt: Date = new Date()): Promise<Buffer> {
  const doc = new PDFDocument({
    size: "A4",
    margin,
    bufferPages: true,
    info: { Title: spec.title, Producer: "Tessera", Creator: "Tessera", CreationDate: createdAt },
    pdfVersion: "1.7",
    tagged: true,
    lang: "en",
    displayTitle: true,
  });
  const chunks: Buffer[] = [];
  doc.on("data", (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on("end", () => resolve(Buffer.concat(chunks)));
    doc.on("error", reject);
  });

  doc.font("Helvetica-Bold").fontSize(18).fillColor(ink).text(spec.title);
  for (const line of spec.subtitle ?? []) doc.font("Helvetica").fontSize(10).fillColor(muted).text(line);
  doc.moveDown();
  for (const section of spec.sections) drawSection(doc, section);

  const range = doc.bufferedPageRange();
  for (let i = range.start; i < range.start + range.count; i += 1) {
    doc.switchToPage(i);
    // Below the bottom margin pdfkit would start a new page for the footer; lift the margin while writing it.
    doc.page.margins.bottom = 0;
    const label = `${spec.footer ? `${spec.footer} · ` : ""}page ${i + 1} of ${range.count}`;
    doc.font("Helvetica").fontSize(8).fillColor(muted)
      .text(label, margin, doc.page.height - margin + 15, { width: doc.page.width - 2 * margin, align: "center", lineBreak: false });
  }
  doc.end();
  return done;
}

function contentWidth(doc: PDFKit.PDFDocument): number {
  return doc.page.width - 2 * margin;
}

function ensureRoom(doc: PDFKit.PDFDocument, height: number): void {
  if (doc.y + height > doc.page.height - margin) doc.addPage();
}

function drawSection(doc: PDFKit.PDFDocument, section: PdfSection): void {
  ensureRoom(doc, 60);
  doc.x = margin;
  doc.font("Helvetica-Bold").fontSize(13).fillColor(ink).text(section.heading);
  doc.moveDown(0.3);
  for (const block of section.blocks) {
    doc.x = margin;
    if ("paragraph" in block) doc.font("Helvetica").fontSize(10).fillColor(ink).text(block.paragraph, { width: contentWidth(doc) });
    else if ("bullets" in block) doc.font("Helvetica").fontSize(10).fillColor(ink).list(block.bullets, { width: contentWidth(doc) - 15, bulletRadius: 1.5 });
    else if ("facts" in block) drawFacts(doc, block.facts);
    else drawTable(doc, block.table);
    doc.moveDown(0.6);
  }
  doc.moveDown(0.4);
}

function drawFacts(doc: PDFKit.PDFDocument, facts: [string, string][]): void {
  const labelWidth = 150;
  for (const [label, value] of facts) {
    doc.font("Helvetica").fontSize(10);
    const h = Math.max(doc.heightOfString(value, { width: contentWidth(doc) - labelWidth }), 12);
    ensureRoom(doc, h + 4);
    const y = doc.y;
    doc.font("Helvetica-Bold").fillColor(muted).text(label, margin, y, { width: labelWidth - 10 });
    doc.font("Helvetica").fillColor(ink).text(value, margin + labelWidth, y, { width: contentWidth(doc) - labelWidth });
    doc.y = Math.max(doc.y, y + h) + 2;
  }
  doc.x = margin;
}

function drawTable(doc: PDFKit.PDFDocument, table: PdfTable): void {
  const weights = table.widths ?? table.columns.map(() => 1);
  const total = weights.reduce((a, b) => a + b, 0);
  const widths = weights.map((w) => (w / total) * contentWidth(doc));
  const pad = 3;
  const drawRow = (cells: string[], bold: boolean) => {
    const font = () => doc.font(bold ? "Helvetica-Bold" : "Helvetica").fontSize(8.5);
    font();
    const h = Math.max(...cells.map((c, i) => doc.heightOfString(c, { width: widths[i] - 2 * pad }))) + 2 * pad;
    if (doc.y + h > doc.page.height - margin) {
      doc.addPage();
      if (!bold) drawRow(table.columns, true);
      font();
    }
    const y = doc.y;
    let x = margin;
    cells.forEach((c, i) => {
      doc.fillColor(bold ? muted : ink).text(c, x + pad, y + pad, { width: widths[i] - 2 * pad });
      x += widths[i];
    });
    doc.moveTo(margin, y + h).lineTo(margin + contentWidth(doc), y + h).lineWidth(0.5).strokeColor("#d1d5db").stroke();
    doc.y = y + h;
  };
  drawRow(table.columns, true);
  if (table.rows.length === 0) {
    doc.font("Helvetica-Oblique").fontSize(9).fillColor(muted).text("None.", margin + pad, doc.y + pad);
  }
  for (const row of table.rows) drawRow(row, false);
  doc.x = margin;
}
