"use client";
// Counts per day (UTC) stacked by series, as a bar chart hidden from screen readers and the same numbers
// as a visually hidden table for them: one chart for every "per day, by kind" figure (a district's
// accesses by component, the detector's alerts by kind). Rendered in the browser only.
import { Bar, BarChart, CartesianGrid, Legend, Tooltip, XAxis, YAxis } from "recharts";

const palette = ["#4338ca", "#047857", "#b45309", "#be123c", "#0369a1", "#6d28d9", "#374151", "#0f766e", "#9d174d"];
const tick = { fontSize: 12, fill: "#334155" };

export type DailyCount = { day: string; series: string; count: number };

type Props = {
  counts: readonly DailyCount[];
  /** The table's caption, which names what is counted. */
  caption: string;
  /** How people read a series' key (a kind's label). */
  label?: (series: string) => string;
  testId: string;
  /** Tailwind height of the chart ("h-56"). */
  heightClass?: string;
};

export function StackedDailyChart({ counts, caption, label = (s) => s, testId, heightClass = "h-56" }: Props) {
  const series = [...new Set(counts.map((c) => c.series))].sort();
  const byDay = new Map<string, Record<string, number | string>>();
  for (const c of counts) {
    const row = byDay.get(c.day) ?? { day: c.day };
    row[c.series] = Number(row[c.series] ?? 0) + c.count;
    byDay.set(c.day, row);
  }
  const rows = [...byDay.values()];
  return (
    <div data-testid={testId}>
      <div aria-hidden="true" className={`${heightClass} min-w-0`}>
        <BarChart responsive accessibilityLayer={false} data={rows} style={{ width: "100%", height: "100%" }} margin={{ top: 8, right: 8, bottom: 0, left: 0 }}>
          <CartesianGrid strokeDasharray="3 3" vertical={false} />
          <XAxis dataKey="day" tick={tick} interval="preserveStartEnd" minTickGap={16} />
          <YAxis allowDecimals={false} tick={tick} width={52} />
          <Tooltip />
          <Legend />
          {series.map((s, i) => (
            <Bar key={s} dataKey={s} name={label(s)} stackId="s" fill={palette[i % palette.length]} isAnimationActive={false} />
          ))}
        </BarChart>
      </div>
      <div className="sr-only">
        <table>
          <caption>{caption}</caption>
          <thead>
            <tr>
              <th scope="col">Day</th>
              {series.map((s) => (
                <th key={s} scope="col">
                  {label(s)}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr key={String(r.day)}>
                <th scope="row">{String(r.day)}</th>
                {series.map((s) => (
                  <td key={s}>{Number(r[s] ?? 0)}</td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );
}
