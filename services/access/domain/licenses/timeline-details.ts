// What a license event changed, as labelled values with names instead of ids ("Tier: Basic → Pro") and
// instants left for the viewer's browser to show in its own time zone. Pure: the names come resolved.
import type { TimelineDetail, TimelineValue } from "../../../../contracts/license-api";
import { nameKey, namedDataFields, type Names } from "../audit-log/resolve-names";

type Data = Record<string, unknown>;

/** A pair of fields shown as one change, or one field shown alone. */
const shown: { label: string; from?: string; to: string; time?: boolean }[] = [
  { label: "Status", from: "from", to: "to" },
  { label: "Tier", from: "fromTierId", to: "toTierId" },
  { label: "Tier", to: "tierId" },
  { label: "Component", to: "componentId" },
  { label: "Seats", from: "fromSeats", to: "toSeats" },
  { label: "Seats", to: "seats" },
  { label: "Starts", to: "startsAt", time: true },
  { label: "Ends", from: "fromEndsAt", to: "toEndsAt", time: true },
  { label: "Ends", to: "endsAt", time: true },
  { label: "Reason", to: "reason" },
  { label: "Scope", to: "scope" },
];

export function timelineDetails(data: Data, names: Names): TimelineDetail[] {
  const used = new Set<string>();
  const details: TimelineDetail[] = [];
  for (const field of shown) {
    const to = valueOf(data, field.to, names, field.time);
    if (!to) continue;
    const from = field.from ? valueOf(data, field.from, names, field.time) : null;
    used.add(field.to);
    if (field.from) used.add(field.from);
    // A pair that did not change (a tier change keeps the status) says nothing.
    if (from && JSON.stringify(from) === JSON.stringify(to)) continue;
    details.push({ label: field.label, from, to });
  }
  for (const [key, value] of Object.entries(data)) {
    if (used.has(key) || !isShowable(value)) continue;
    details.push({ label: labelOf(key), from: null, to: valueOf(data, key, names, false)! });
  }
  return details;
}

function valueOf(data: Data, key: string, names: Names, time = false): TimelineValue | null {
  const value = data[key];
  if (!isShowable(value)) return null;
  const kind = namedDataFields[key];
  if (kind && typeof value === "string") return { kind: "text", text: names.get(nameKey(kind, value)) ?? value };
  if (time && typeof value === "string" && !Number.isNaN(Date.parse(value))) return { kind: "time", at: new Date(value).toISOString() };
  return { kind: "text", text: Array.isArray(value) ? value.join(", ") || "none" : String(value) };
}

function isShowable(value: unknown): value is string | number | boolean | unknown[] {
  return ["string", "number", "boolean"].includes(typeof value) || (Array.isArray(value) && value.every((v) => typeof v === "string"));
}

/** "dataKeyId" → "Data key id". */
function labelOf(key: string): string {
  const words = key.replace(/([a-z0-9])([A-Z])/g, "$1 $2").toLowerCase();
  return words.charAt(0).toUpperCase() + words.slice(1);
}
