"use client";
// The license page's body: what the license is, what it carries, the seats in use, what can be done with it, and its history.
import { describeHolder, licenseStatusLabels, type LicenseDetail } from "@/contracts/license-api";
import { PageHeader } from "@/components/console/page-header";
import { BackLink, RecordPage } from "@/components/console/record-page";
import { DetailsList, type DetailRow } from "@/components/ui/details-list";
import { Panel } from "@/components/ui/panel";
import { StatusBadge } from "@/components/ui/status-badge";
import { ActivationsSection } from "@/components/activations/activations-section";
import { OAuthClientsSection } from "@/components/oauth/oauth-clients-section";
import { LicenseTokensLink } from "@/components/tokens/license-tokens-link";
import { useMayCall } from "@/components/viewer";
import { formatDate, formatDateTime } from "@/lib/format";
import { DownloadCertificate } from "./download-certificate";
import { LicenseActions } from "./license-actions";
import { requestQuotaInWords } from "./request-quota-dialog";
import { useLicense } from "./license-queries";
import { LicenseTimeline } from "./license-timeline";
import { RevealKey } from "./reveal-key";

const back = <BackLink href="/licenses">All licenses</BackLink>;

export function LicenseView({ id }: { id: string }) {
  const license = useLicense(id);
  const canWrite = useMayCall("POST /v1/licenses/:id/suspend");
  const canReveal = useMayCall("POST /v1/licenses/:id/reveal-key");
  return (
    <RecordPage query={license} noun="license" back={back} notFound="There is no license with this id that you can see.">
      {(l) => (
        <section aria-labelledby="page-title" className="space-y-6">
          <PageHeader
            back={back}
            title={`${l.component.name} for ${l.tenant.name}`}
            summary={
              <span className="flex flex-wrap items-center gap-2">
                <code className="font-mono text-sm" data-testid="license-id">
                  {l.id}
                </code>
                <StatusBadge status={l.status} label={licenseStatusLabels[l.status]} />
              </span>
            }
            actions={l.status === "active" ? <DownloadCertificate licenseId={l.id} /> : null}
          />
          <LicenseDetails license={l} />
          {canWrite && l.status !== "revoked" ? <LicenseActions license={l} /> : null}
          {canReveal ? <RevealKey licenseId={l.id} /> : null}
          <LicenseTokensLink licenseId={l.id} />
          <ActivationsSection licenseId={l.id} licenseActive={l.status === "active"} />
          <OAuthClientsSection license={l} />
          <LicenseTimeline licenseId={l.id} />
        </section>
      )}
    </RecordPage>
  );
}

function LicenseDetails({ license: l }: { license: LicenseDetail }) {
  const rows: DetailRow[] = [
    ["Tenant", <>{l.tenant.name} <span className="text-slate-600">({l.tenant.kind})</span></>],
    ["Application", `${l.component.name} (${l.component.key})`],
    ["Holder", <span key="holder" data-testid="license-holder">{describeHolder(l.holder)}</span>],
    ["Service tier", <span key="tier" data-testid="license-tier">{l.tier.name}</span>],
    ["Seats", `${l.seats.toLocaleString("en-US")} of the tier's ${l.tier.seats.toLocaleString("en-US")}`],
    ["Requests", <span key="quota" data-testid="license-request-quota">{requestQuotaInWords(l)}</span>],
    ["Term", <><time dateTime={l.startsAt}>{formatDate(l.startsAt)}</time> to <time dateTime={l.endsAt} data-testid="license-ends">{formatDate(l.endsAt)}</time></>],
    ["Status since", formatDateTime(l.statusChangedAt)],
  ];
  if (l.importSource) rows.push(["Imported from", l.importSource]);
  return (
    <div className="grid gap-6 lg:grid-cols-2">
      <Panel title="Details">
        <DetailsList rows={rows} className="mt-3 text-sm" />
      </Panel>
      <Panel title="Scopes">
        {l.scopes.length ? (
          <ul className="mt-3 flex flex-wrap gap-2" aria-label="Scopes this license carries" data-testid="license-scopes">
            {l.scopes.map((s) => (
              <li key={s} className="rounded bg-slate-100 px-2 py-1 font-mono text-xs">
                {s}
              </li>
            ))}
          </ul>
        ) : (
          <p className="mt-3 text-sm text-slate-700">This license carries no scopes{l.status === "revoked" ? " (it is revoked)" : ""}.</p>
        )}
      </Panel>
    </div>
  );
}
