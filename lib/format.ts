// Dates shown the same on server and browser (fixed locale and UTC), so hydration never disagrees.
const dateFormat = new Intl.DateTimeFormat("en-GB", { dateStyle: "medium", timeZone: "UTC" });
const dateTimeFormat = new Intl.DateTimeFormat("en-GB", { dateStyle: "medium", timeStyle: "short", timeZone: "UTC" });

export function formatDate(iso: string): string {
  return dateFormat.format(new Date(iso));
}

export function formatDateTime(iso: string): string {
  return `${dateTimeFormat.format(new Date(iso))} UTC`;
}

/** The YYYY-MM-DD of an ISO instant, for <input type="date">. */
export function toDateInput(iso: string): string {
  return iso.slice(0, 10);
}

/** Midnight UTC of a YYYY-MM-DD from <input type="date">, as the API's ISO datetime; "" when empty. */
export function fromDateInput(date: string): string {
  return /^\d{4}-\d{2}-\d{2}$/.test(date) ? `${date}T00:00:00.000Z` : "";
}
