"use client";
// One tier: an editor for those who may change tiers, a read-only summary for everyone else.
import Link from "next/link";
import { quotaFields, quotaLabels } from "@/contracts/catalogue-api";
import { PageHeader } from "@/components/console/page-header";
import { ErrorState, LoadingState } from "@/components/ui/states";
import { useCan } from "@/components/viewer";
import { isApiError } from "@/lib/client/api-fetch";
import { useTier } from "./catalogue-queries";
import { TierEditor } from "./tier-editor";

const back = (
  <Link href="/tiers" className="text-indigo-800 underline">
    ← All tiers
  </Link>
);

export function TierView({ id }: { id: string }) {
  const tier = useTier(id);
  const canWrite = useCan("tiers.write");
  if (tier.error && isApiError(tier.error) && tier.error.status === 404) {
    return <PageHeader title="Tier not found" back={back} summary="There is no service tier with this id." />;
  }
  if (tier.error) return <ErrorState error={tier.error} onRetry={() => void tier.refetch()} what="load this tier" />;
  if (!tier.data) return <LoadingState label="Loading tier…" />;
  const t = tier.data;
  return (
    <section aria-labelledby="page-title">
      <PageHeader back={back} title={t.name} summary={<>Key <code className="font-mono">{t.key}</code> · {t.licenseCount.toLocaleString("en-US")} licenses</>} />
      {canWrite ? (
        // Keyed by version: after a save the editor starts again from the saved tier.
        <TierEditor key={t.updatedAt} tier={t} />
      ) : (
        <div className="space-y-4 rounded-lg border border-slate-200 bg-white p-4 text-sm">
          {t.description ? <p>{t.description}</p> : null}
          <dl className="grid grid-cols-1 gap-x-4 gap-y-2 sm:grid-cols-[max-content_1fr]">
            {quotaFields.map((f) => (
              <div key={f} className="contents">
                <dt className="font-medium text-slate-700">{quotaLabels[f]}</dt>
                <dd>{t[f].toLocaleString("en-US")}</dd>
              </div>
            ))}
          </dl>
          <ul className="flex flex-wrap gap-2" aria-label="Scopes">
            {t.scopes.map((s) => (
              <li key={s} className="rounded bg-slate-100 px-2 py-1 font-mono text-xs">
                {s}
              </li>
            ))}
          </ul>
        </div>
      )}
    </section>
  );
}
