"use client";
// Validations over time on the dashboard, in two series over the week: license validations (a component
// asking whether a license key is valid) and token introspections (a component asking about a token), each
// as a stack of answered-valid and refused, side by side per bucket; the totals in words, and a visually
// hidden table with the same numbers for screen readers (the SVG itself is hidden from them), as the token
// usage chart does. Rendered only in the browser, after its data loads (recharts' inline styles are set
// through the DOM, which the nonce-based CSP allows). Without tokens.read there is no introspection series.
import { Bar, BarChart, CartesianGrid, Tooltip, XAxis, YAxis } from "recharts";
import type { UsageSeries } from "@/contracts/token-api";
import { EmptyState } from "@/components/ui/states";
import { bucketLabel, bucketSpan, hasUsage } from "@/components/tokens/usage-format";

/** The four bars, in order: each series' answered-valid and refused. */
const bars = [
  { key: "licenseValid", name: "License validations, valid", colour: "#0f766e", stack: "licenses" },
  { key: "licenseRefused", name: "License validations, refused", colour: "#c2410c", stack: "licenses" },
  { key: "introspectionsActive", name: "Token introspections, answered active", colour: "#4338ca", stack: "tokens" },
  { key: "introspectionsRefused", name: "Token introspections, refused", colour: "#b91c1c", stack: "tokens" },
] as const;
type BarKey = (typeof bars)[number]["key"];

const tick = { fontSize: 12, fill: "#334155" };
const n = (value: number) => value.toLocaleString("en-GB");

export function ValidationsChart({ licenseValidations, introspections }: { licenseValidations: UsageSeries; introspections: UsageSeries | null }) {
  const shown = bars.filter((b) => introspections || b.stack === "licenses");
  if (!hasUsage(licenseValidations) && !(introspections && hasUsage(introspections))) {
    return (
      <EmptyState title="No validations in the last 7 days">
        {introspections ? "License validations and token introspections appear here once a component asks Tessera about one of your licenses or tokens." : "License validations appear here once a component asks Tessera about one of your licenses."}
      </EmptyState>
    );
  }
  const { bucketHours } = licenseValidations;
  const rows = licenseValidations.buckets.map((b, i) => {
    const t = introspections?.buckets[i];
    const values: Record<BarKey, number> = { licenseValid: b.uses, licenseRefused: b.refusals, introspectionsActive: t?.uses ?? 0, introspectionsRefused: t?.refusals ?? 0 };
    return { start: b.start, label: bucketLabel(b.start, bucketHours), ...values };
  });
  return (
    <div className="space-y-2" data-testid="validations-chart">
      <p className="text-sm text-slate-700">{introspections ? "License validations and token introspections by components, last 7 days." : "License validations by components, last 7 days."}</p>
      <div aria-hidden="true" className="h-52 min-w-0">
        <BarChart responsive accessibilityLayer={false} data={rows} style={{ width: "100%", height: "100%" }} margin={{ top: 8, right: 8, bottom: 0, left: 0 }}>
          <CartesianGrid strokeDasharray="3 3" vertical={false} />
          <XAxis dataKey="label" tick={tick} interval="preserveStartEnd" minTickGap={12} />
          <YAxis allowDecimals={false} tick={tick} width={40} />
          <Tooltip labelFormatter={(_, payload) => (payload[0] ? bucketSpan(String(payload[0].payload.start), bucketHours) : "")} />
          {shown.map((b) => (
            <Bar key={b.key} dataKey={b.key} name={b.name} stackId={b.stack} fill={b.colour} isAnimationActive={false} />
          ))}
        </BarChart>
      </div>
      <ul className="text-sm font-medium" data-testid="validations-totals">
        <li data-testid="license-validations-totals">
          License validations: {n(licenseValidations.totals.uses)} valid and {n(licenseValidations.totals.refusals)} refused.
        </li>
        {introspections ? (
          <li data-testid="introspections-totals">
            Token introspections: {n(introspections.totals.uses)} answered active and {n(introspections.totals.refusals)} refused.
          </li>
        ) : null}
      </ul>
      <p className="flex flex-wrap gap-x-4 gap-y-1 text-sm text-slate-700">
        {shown.map((b) => (
          <span key={b.key} className="flex items-center gap-2">
            <Swatch colour={b.colour} /> {b.name}
          </span>
        ))}
        <span>Bars per {per(bucketHours)}, times in UTC. Refused: revoked, suspended or expired, or a scope or seat missing.</span>
      </p>
      {/* A table ignores sr-only's 1px width, so the clip sits on a div (it would widen the page at 390 px). */}
      <div className="sr-only">
        <table>
          <caption>Validations per {per(bucketHours)}, last 7 days</caption>
          <thead>
            <tr>
              <th scope="col">Period</th>
              {shown.map((b) => (
                <th key={b.key} scope="col">
                  {b.name}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr key={r.start}>
                <th scope="row">{bucketSpan(r.start, bucketHours)}</th>
                {shown.map((b) => (
                  <td key={b.key}>{r[b.key]}</td>
                ))}
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
