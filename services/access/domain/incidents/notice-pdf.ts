// A district's breach notice as a PDF (through the one renderer). The district's people get the delivered
// notice only; platform admins may print a draft, which says so on every page.
import { formatPeriod } from "../../../../contracts/breach-notice";
import { deliveryMethodLabels, noticeHeadings } from "../../../../contracts/incident-api";
import { AppError } from "../../../common/http/app-error";
import type { Actor } from "../actors/actor";
import type { AccessContext } from "../context";
import { renderPdf, type PdfSection } from "../documents/pdf-document";
import { getIncident } from "./get-incident";

const utc = (iso: string) => `${iso.slice(0, 16).replace("T", " ")} UTC`;

export async function noticePdf(ctx: AccessContext, actor: Actor, id: string, tenantId: string): Promise<{ bytes: Buffer; filename: string }> {
  const { incident } = await getIncident(ctx, actor, id);
  const district = incident.districts.find((d) => d.tenantId === tenantId);
  if (!district || !district.notice) {
    throw new AppError("not-found", "There is no notice of this incident for that district yet.", { reason: "notice-not-found" });
  }
  const draft = !district.delivery;
  const sections: PdfSection[] = noticeHeadings.map(([key, heading]) => ({ heading, blocks: [{ paragraph: district.notice![key] }] }));
  const facts: [string, string][] = [
    ["Incident", `${incident.title} (${incident.id})`],
    ["Discovered", utc(incident.discoveredAt)],
    ["Determined to be a breach", incident.determinedAt ? utc(incident.determinedAt) : "Not determined"],
    ["Notice due", district.clock.deadlineAt ? `${utc(district.clock.deadlineAt)} — ${district.clock.governing?.label ?? ""}` : "No deadline"],
    ["Rules applied", district.rules.length ? district.rules.map((r) => `${formatPeriod(r.hours)} from the ${r.from}${r.citation ? ` (${r.citation})` : " (agreement)"}`).join("; ") : "None"],
  ];
  if (district.delivery) {
    facts.push(["Delivered", `${utc(district.delivery.deliveredAt)} by ${deliveryMethodLabels[district.delivery.method].toLowerCase()} to ${district.delivery.to}`]);
  }
  sections.push({ heading: "Record", blocks: [{ facts }] });
  const now = ctx.now();
  const bytes = await renderPdf(
    {
      title: draft ? `DRAFT — Notice of a data security incident` : "Notice of a data security incident",
      subtitle: [`To ${district.tenantName}`, draft ? "Draft: not delivered yet." : `Delivered ${utc(district.delivery!.deliveredAt)}`],
      sections,
      footer: `Tessera · ${incident.id} · ${draft ? "DRAFT · " : ""}generated ${now.toISOString().slice(0, 16)}Z`,
    },
    now,
  );
  return { bytes, filename: `breach-notice-${incident.id}-${tenantId}${draft ? "-draft" : ""}.pdf` };
}
