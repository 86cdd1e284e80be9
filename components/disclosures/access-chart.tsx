"use client";
// Disclosures and accesses of the district's data per day, stacked by component, with a visually hidden
// table of the same numbers for screen readers (the SVG is hidden from them). Rendered in the browser only.
import { Bar, BarChart, CartesianGrid, Legend, Tooltip, XAxis, YAxis } from "recharts";
import type { DisclosureActivityResponse } from "@/contracts/disclosure-api";
import { EmptyState } from "@/components/ui/states";

const palette = ["#4338ca", "#047857", "#b45309", "#be123c", "#0369a1", "#6d28d9", "#374151"];
const tick = { fontSize: 12, fill: "#334155" };

export function AccessChart({ data }: { data: DisclosureActivityResponse }) {
  if (!data.days.length) {
    return <EmptyState title="No accesses or disclosures in this period">Each day with an access through the district's credentials, or a disclosure a component reported, appears here by component.</EmptyState>;
  }
  const components = [...new Set(data.days.map((d) => d.component))].sort();
  const byDay = new Map<string, Record<string, number | string>>();
  for (const d of data.days) {
    const row = byDay.get(d.day) ?? { day: d.day };
    row[d.component] = d.count;
    byDay.set(d.day, row);
  }
  const rows = [...byDay.values()];
  return (
    <div data-testid="access-chart">
      <div aria-hidden="true" className="h-64 min-w-0 print:h-48">
        <BarChart responsive accessibilityLayer={false} data={rows} style={{ width: "100%", height: "100%" }} margin={{ top: 8, right: 8, bottom: 0, left: 0 }}>
          <CartesianGrid strokeDasharray="3 3" vertical={false} />
          <XAxis dataKey="day" tick={tick} interval="preserveStartEnd" minTickGap={16} />
          <YAxis allowDecimals={false} tick={tick} width={52} />
          <Tooltip />
          <Legend />
          {components.map((c, i) => (
            <Bar key={c} dataKey={c} name={c} stackId="c" fill={palette[i % palette.length]} isAnimationActive={false} />
          ))}
        </BarChart>
      </div>
      <div className="sr-only">
      <table>
        <caption>Accesses and disclosures per day (UTC) by component</caption>
        <thead>
          <tr>
            <th scope="col">Day</th>
            {components.map((c) => (
              <th key={c} scope="col">{c}</th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={String(r.day)}>
              <th scope="row">{String(r.day)}</th>
              {components.map((c) => (
                <td key={c}>{Number(r[c] ?? 0)}</td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
      </div>
      <p className="mt-2 text-sm text-slate-700">Days in UTC. Accesses are counted per minute and written within seconds.</p>
    </div>
  );
}
