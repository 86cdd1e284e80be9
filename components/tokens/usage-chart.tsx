"use client";
// Introspections over time as stacked bars (uses, refusals) with a range picker, the totals in words, and a
// visually hidden table with the same numbers for screen readers (the SVG itself is hidden from them).
// Rendered only in the browser, after its data loads: recharts' inline styles are then set through the
// DOM, which the nonce-based CSP allows (style attributes in server HTML it would refuse).
import { Bar, BarChart, CartesianGrid, Tooltip, XAxis, YAxis } from "recharts";
import { usageRanges, type UsageRange, type UsageSeries } from "@/contracts/token-api";
import { EmptyState, ErrorState, LoadingState } from "@/components/ui/states";
import { bucketLabel, bucketSpan, hasUsage, totalsInWords, usageRangeLabels } from "./usage-format";

export type UsageState = {
  data: UsageSeries | undefined;
  error: unknown;
  /** Another range's data is shown while this one loads. */
  isUpdating: boolean;
  retry: () => void;
};

const colours = { uses: "#4338ca", refusals: "#b91c1c", rateLimited: "#b45309" };
const tick = { fontSize: 12, fill: "#334155" };

export function UsageChart({ label, range, onRangeChange, state, children }: { label: string; range: UsageRange; onRangeChange: (r: UsageRange) => void; state: UsageState; children?: React.ReactNode }) {
  return (
    <div className="mt-3 space-y-3" data-testid="usage-chart">
      <div className="flex flex-wrap items-center justify-between gap-3">
        <RangePicker range={range} onChange={onRangeChange} />
        {state.isUpdating ? <span className="text-sm text-slate-700" role="status">Updating…</span> : null}
      </div>
      <UsageBody label={label} state={state} />
      {state.data && hasUsage(state.data) ? children : null}
    </div>
  );
}

function RangePicker({ range, onChange }: { range: UsageRange; onChange: (r: UsageRange) => void }) {
  return (
    <div role="group" aria-label="Period" className="inline-flex overflow-hidden rounded-md border border-slate-400">
      {usageRanges.map((r) => (
        <button
          key={r}
          type="button"
          aria-pressed={r === range}
          onClick={() => onChange(r)}
          className={`px-3 py-1.5 text-sm font-semibold focus-visible:relative focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-indigo-700 ${r === range ? "bg-indigo-700 text-white" : "bg-white text-slate-900 hover:bg-slate-100"}`}
        >
          {usageRangeLabels[r]}
        </button>
      ))}
    </div>
  );
}

function UsageBody({ label, state }: { label: string; state: UsageState }) {
  const { data } = state;
  if (!data) return state.error ? <ErrorState error={state.error} onRetry={state.retry} what="load the usage" /> : <LoadingState label="Loading usage…" />;
  if (!hasUsage(data)) {
    return (
      <EmptyState title="No introspections recorded in this period">
        Uses appear here once a component asks about the token (they are written every 30 seconds or so).
      </EmptyState>
    );
  }
  const rows = data.buckets.map((b) => ({ ...b, label: bucketLabel(b.start, data.bucketHours) }));
  return (
    <div className="grid gap-4 md:grid-cols-[1fr_14rem]">
      <div aria-hidden="true" className="h-60 min-w-0">
        <BarChart responsive accessibilityLayer={false} data={rows} style={{ width: "100%", height: "100%" }} margin={{ top: 8, right: 8, bottom: 0, left: 0 }}>
          <CartesianGrid strokeDasharray="3 3" vertical={false} />
          <XAxis dataKey="label" tick={tick} interval="preserveStartEnd" minTickGap={16} />
          <YAxis allowDecimals={false} tick={tick} width={44} />
          <Tooltip labelFormatter={(_, payload) => (payload[0] ? bucketSpan(String(payload[0].payload.start), data.bucketHours) : "")} />
          <Bar dataKey="uses" name="Uses" stackId="usage" fill={colours.uses} isAnimationActive={false} />
          <Bar dataKey="refusals" name="Refusals" stackId="usage" fill={colours.refusals} isAnimationActive={false} />
          {data.totals.rateLimited !== undefined ? <Bar dataKey="rateLimited" name="Rate-limited" stackId="usage" fill={colours.rateLimited} isAnimationActive={false} /> : null}
        </BarChart>
      </div>
      <div className="space-y-2 text-sm">
        <p className="font-medium" data-testid="usage-totals" aria-live="polite">
          {totalsInWords(data)}
        </p>
        <ul className="space-y-1 text-slate-700">
          <li className="flex items-center gap-2">
            <Swatch colour={colours.uses} /> Uses: answered active
          </li>
          <li className="flex items-center gap-2">
            <Swatch colour={colours.refusals} /> Refusals: presented but refused (revoked, expired, license not active)
          </li>
          {data.totals.rateLimited !== undefined ? (
            <li className="flex items-center gap-2">
              <Swatch colour={colours.rateLimited} /> Rate-limited: validations, introspections and token requests refused over the license&apos;s requests per minute
            </li>
          ) : null}
        </ul>
        <p className="text-slate-700">Times in UTC.</p>
      </div>
      <UsageTable label={label} data={data} />
    </div>
  );
}

function Swatch({ colour }: { colour: string }) {
  return <svg aria-hidden="true" width="12" height="12" className="shrink-0"><rect width="12" height="12" rx="2" fill={colour} /></svg>;
}

function UsageTable({ label, data }: { label: string; data: UsageSeries }) {
  return (
    <div className="sr-only">
      <table>
      <caption>
        {label}: uses and refusals per {data.bucketHours === 24 ? "day" : data.bucketHours === 1 ? "hour" : `${data.bucketHours} hours`}, last {usageRangeLabels[data.range]}
      </caption>
      <thead>
        <tr>
          <th scope="col">Period</th>
          <th scope="col">Uses</th>
          <th scope="col">Refusals</th>
          {data.totals.rateLimited !== undefined ? <th scope="col">Rate-limited</th> : null}
        </tr>
      </thead>
      <tbody>
        {data.buckets.map((b) => (
          <tr key={b.start}>
            <th scope="row">{bucketSpan(b.start, data.bucketHours)}</th>
            <td>{b.uses}</td>
            <td>{b.refusals}</td>
            {data.totals.rateLimited !== undefined ? <td>{b.rateLimited ?? 0}</td> : null}
          </tr>
        ))}
      </tbody>
    </table>
      </div>
  );
}
