"use client";
// Validations over time on the dashboard: token introspections over the week as stacked bars (answered active,
// refused), the totals in words, and a visually hidden table with the same numbers for screen readers (the
// SVG itself is hidden from them), as the token usage chart does. Rendered only in the browser, after its
// data loads (recharts' inline styles are set through the DOM, which the nonce-based CSP allows).
import { Bar, BarChart, CartesianGrid, Tooltip, XAxis, YAxis } from "recharts";
import type { UsageSeries } from "@/contracts/token-api";
import { EmptyState } from "@/components/ui/states";
import { bucketLabel, bucketSpan, hasUsage, totalsInWords } from "@/components/tokens/usage-format";

const colours = { uses: "#4338ca", refusals: "#b91c1c" };
const tick = { fontSize: 12, fill: "#334155" };

export function ValidationsChart({ series }: { series: UsageSeries }) {
  if (!hasUsage(series)) {
    return (
      <EmptyState title="No validations in the last 7 days">
        Validations appear here once a component asks Tessera about one of your tokens.
      </EmptyState>
    );
  }
  const rows = series.buckets.map((b) => ({ ...b, label: bucketLabel(b.start, series.bucketHours) }));
  return (
    <div className="space-y-2" data-testid="validations-chart">
      <div aria-hidden="true" className="h-52 min-w-0">
        <BarChart responsive accessibilityLayer={false} data={rows} style={{ width: "100%", height: "100%" }} margin={{ top: 8, right: 8, bottom: 0, left: 0 }}>
          <CartesianGrid strokeDasharray="3 3" vertical={false} />
          <XAxis dataKey="label" tick={tick} interval="preserveStartEnd" minTickGap={12} />
          <YAxis allowDecimals={false} tick={tick} width={40} />
          <Tooltip labelFormatter={(_, payload) => (payload[0] ? bucketSpan(String(payload[0].payload.start), series.bucketHours) : "")} />
          <Bar dataKey="uses" name="Answered active" stackId="v" fill={colours.uses} isAnimationActive={false} />
          <Bar dataKey="refusals" name="Refused" stackId="v" fill={colours.refusals} isAnimationActive={false} />
        </BarChart>
      </div>
      <p className="text-sm font-medium" data-testid="validations-totals">
        {totalsInWords(series)}
      </p>
      <p className="flex flex-wrap gap-x-4 gap-y-1 text-sm text-slate-700">
        <span className="flex items-center gap-2">
          <Swatch colour={colours.uses} /> Answered active
        </span>
        <span className="flex items-center gap-2">
          <Swatch colour={colours.refusals} /> Refused (revoked, expired, license not active)
        </span>
        <span>Bars per {per(series.bucketHours)}, times in UTC.</span>
      </p>
      {/* A table ignores sr-only's 1px width, so the clip sits on a div (it would widen the page at 390 px). */}
      <div className="sr-only">
        <table>
          <caption>Validations per {per(series.bucketHours)}, last 7 days</caption>
          <thead>
            <tr>
              <th scope="col">Period</th>
              <th scope="col">Answered active</th>
              <th scope="col">Refused</th>
            </tr>
          </thead>
          <tbody>
            {series.buckets.map((b) => (
              <tr key={b.start}>
                <th scope="row">{bucketSpan(b.start, series.bucketHours)}</th>
                <td>{b.uses}</td>
                <td>{b.refusals}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );
}

const per = (hours: number) => (hours === 24 ? "day" : hours === 1 ? "hour" : `${hours} hours`);

function Swatch({ colour }: { colour: string }) {
  return (
    <svg aria-hidden="true" width="12" height="12" className="shrink-0">
      <rect width="12" height="12" rx="2" fill={colour} />
    </svg>
  );
}
