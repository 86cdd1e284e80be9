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
