"use client";
// One tier: an editor for those who may change tiers, a read-only summary for everyone else.
import { quotaFields, quotaLabels } from "@/contracts/catalogue-api";
import { PageHeader } from "@/components/console/page-header";
import { BackLink, RecordPage } from "@/components/console/record-page";
import { DetailsList } from "@/components/ui/details-list";
import { useMayCall } from "@/components/viewer";
import { useTier } from "./catalogue-queries";
import { TierEditor } from "./tier-editor";

const back = <BackLink href="/tiers">All tiers</BackLink>;

export function TierView({ id }: { id: string }) {
  const tier = useTier(id);
  const canWrite = useMayCall("PATCH /v1/tiers/:id");
  return (
    <RecordPage query={tier} noun="tier" back={back} notFound="There is no service tier with this id.">
      {(t) => (
        <section aria-labelledby="page-title">
          <PageHeader back={back} title={t.name} summary={<>Key <code className="font-mono">{t.key}</code> · {t.licenseCount.toLocaleString("en-US")} licenses</>} />
          {canWrite ? (
            // Keyed by version: after a save the editor starts again from the saved tier.
            <TierEditor key={t.updatedAt} tier={t} />
          ) : (
            <div className="space-y-4 rounded-lg border border-slate-200 bg-white p-4 text-sm">
              {t.description ? <p>{t.description}</p> : null}
              <DetailsList rows={quotaFields.map((f) => [quotaLabels[f], t[f].toLocaleString("en-US")])} />
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
      )}
    </RecordPage>
  );
}
