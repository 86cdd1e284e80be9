"use client";
// A time in the viewer's own time zone (their browser's), with the exact instant in dateTime. Rendered
// after mount, so the server's render (UTC) and the browser's never disagree during hydration.
import { useEffect, useState } from "react";
import { formatDateTime } from "@/lib/format";

// (dateStyle and timeZoneName cannot be combined: the parts are named one by one.)
const local = new Intl.DateTimeFormat(undefined, { year: "numeric", month: "short", day: "numeric", hour: "2-digit", minute: "2-digit", second: "2-digit", timeZoneName: "short" });

export function LocalTime({ iso }: { iso: string }) {
  const [text, setText] = useState(() => formatDateTime(iso));
  useEffect(() => setText(local.format(new Date(iso))), [iso]);
  return <time dateTime={iso}>{text}</time>;
}

/** The viewer's <input type="datetime-local"> value as an ISO instant ("" when empty or invalid). */
export function fromLocalInput(value: string): string {
  if (!value) return "";
  const time = new Date(value).getTime();
  return Number.isNaN(time) ? "" : new Date(time).toISOString();
}

/** An ISO instant as the viewer's <input type="datetime-local"> value ("" when empty or invalid). */
export function toLocalInput(iso: string): string {
  const time = iso ? new Date(iso).getTime() : Number.NaN;
  if (Number.isNaN(time)) return "";
  const d = new Date(time);
  const two = (n: number) => String(n).padStart(2, "0");
  return `${d.getFullYear()}-${two(d.getMonth() + 1)}-${two(d.getDate())}T${two(d.getHours())}:${two(d.getMinutes())}`;
}
