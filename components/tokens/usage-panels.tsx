"use client";
// The usage chart of one token and of a license (with its busiest tokens), each with its own range.
import { useState } from "react";
import Link from "next/link";
import type { UsageRange } from "@/contracts/token-api";
import { Panel } from "@/components/ui/panel";
import { useLicenseTokenUsage, useTokenUsage } from "./token-queries";
import { UsageChart, type UsageState } from "./usage-chart";

type Query<T> = { data: T | undefined; error: unknown; isPlaceholderData: boolean; refetch: () => unknown };

const stateOf = <T,>(q: Query<T>, pick: (d: T) => UsageState["data"]): UsageState => ({
  data: q.data ? pick(q.data) : undefined,
  error: q.error,
  isUpdating: q.isPlaceholderData,
  retry: () => void q.refetch(),
});

export function TokenUsagePanel({ tokenId }: { tokenId: string }) {
  const [range, setRange] = useState<UsageRange>("24h");
  const usage = useTokenUsage(tokenId, range);
  return (
    <Panel title="Usage">
      <p className="mt-1 text-sm text-slate-700">How often components asked about this token (RFC 7662 introspection).</p>
      <UsageChart label="This token's introspections" range={range} onRangeChange={setRange} state={stateOf(usage, (d) => d.usage)} />
    </Panel>
  );
}

export function LicenseUsagePanel({ licenseId }: { licenseId: string }) {
  const [range, setRange] = useState<UsageRange>("24h");
  const usage = useLicenseTokenUsage(licenseId, range);
  const top = usage.data?.topTokens ?? [];
  return (
    <Panel title="Token usage">
      <p className="mt-1 text-sm text-slate-700">How often components asked about this license&apos;s tokens, all tokens together.</p>
      <UsageChart label="This license's token introspections" range={range} onRangeChange={setRange} state={stateOf(usage, (d) => d.usage)}>
        {top.length ? (
          <div>
            <h3 className="text-sm font-semibold">Busiest tokens in this period</h3>
            <ol className="mt-1 space-y-1 text-sm" data-testid="usage-top-tokens">
              {top.map((t) => (
                <li key={t.id}>
                  <Link href={`/tokens/${t.id}`} className="text-indigo-800 underline">
                    {t.name}
                  </Link>{" "}
                  <code className="font-mono text-xs">{t.displayPrefix}…</code>: {t.uses.toLocaleString("en-GB")} {t.uses === 1 ? "use" : "uses"},{" "}
                  {t.refusals.toLocaleString("en-GB")} {t.refusals === 1 ? "refusal" : "refusals"}
                </li>
              ))}
            </ol>
          </div>
        ) : null}
      </UsageChart>
    </Panel>
  );
}
