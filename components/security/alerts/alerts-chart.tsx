"use client";
// Alerts per day (UTC) stacked by kind, with the same numbers as a visually hidden table for screen readers;
// the tenant filter above the chart narrows it to one tenant.
import { Bar, BarChart, CartesianGrid, Legend, Tooltip, XAxis, YAxis } from "recharts";
import { alertKindLabels, type AlertKind, type ListSecurityAlertsResponse } from "@/contracts/security-alert-api";

const palette = ["#4338ca", "#047857", "#b45309", "#be123c", "#0369a1", "#6d28d9", "#374151", "#0f766e", "#9d174d"];
const tick = { fontSize: 12, fill: "#334155" };

export function AlertsChart({ counts }: { counts: ListSecurityAlertsResponse["counts"] }) {
  const kinds = [...new Set(counts.map((c) => c.kind))].sort() as AlertKind[];
  const byDay = new Map<string, Record<string, number | string>>();
  for (const c of counts) {
    const row = byDay.get(c.day) ?? { day: c.day };
    row[c.kind] = Number(row[c.kind] ?? 0) + c.count;
    byDay.set(c.day, row);
  }
  const rows = [...byDay.values()];
  return (
    <div data-testid="alerts-chart">
      <div aria-hidden="true" className="h-56 min-w-0">
        <BarChart responsive accessibilityLayer={false} data={rows} style={{ width: "100%", height: "100%" }} margin={{ top: 8, right: 8, bottom: 0, left: 0 }}>
          <CartesianGrid strokeDasharray="3 3" vertical={false} />
          <XAxis dataKey="day" tick={tick} interval="preserveStartEnd" minTickGap={16} />
          <YAxis allowDecimals={false} tick={tick} width={40} />
          <Tooltip />
          <Legend />
          {kinds.map((k, i) => (
            <Bar key={k} dataKey={k} name={alertKindLabels[k]} stackId="k" fill={palette[i % palette.length]} isAnimationActive={false} />
          ))}
        </BarChart>
      </div>
      <div className="sr-only">
        <table>
          <caption>Alerts per day (UTC) by kind</caption>
          <thead>
            <tr>
              <th scope="col">Day</th>
              {kinds.map((k) => (
                <th key={k} scope="col">{alertKindLabels[k]}</th>
              ))}
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr key={String(r.day)}>
                <th scope="row">{String(r.day)}</th>
                {kinds.map((k) => (
                  <td key={k}>{Number(r[k] ?? 0)}</td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );
}
