"use client";
// The license page's body: what the license is, what it carries, what can be done with it, and its history.
import Link from "next/link";
import { licenseStatusLabels, type LicenseDetail } from "@/contracts/license-api";
import { PageHeader } from "@/components/console/page-header";
import { ErrorState, LoadingState } from "@/components/ui/states";
import { StatusBadge } from "@/components/ui/status-badge";
import { useCan } from "@/components/viewer";
import { isApiError } from "@/lib/client/api-fetch";
import { formatDate, formatDateTime } from "@/lib/format";
import { DownloadCertificate } from "./download-certificate";
import { LicenseActions } from "./license-actions";
import { useLicense } from "./license-queries";
import { LicenseTimeline } from "./license-timeline";
import { RevealKey } from "./reveal-key";

const back = (
  <Link href="/licenses" className="text-indigo-800 underline">
    ← All licenses
  </Link>
);

export function LicenseView({ id }: { id: string }) {
  const license = useLicense(id);
  const canWrite = useCan("licenses.write");
  const canReveal = useCan("licenses.reveal");

  if (license.error && isApiError(license.error) && license.error.status === 404) {
    return (
      <section aria-labelledby="page-title">
        <PageHeader title="License not found" back={back} summary="There is no license with this id that you can see." />
      </section>
    );
  }
  if (license.error) return <ErrorState error={license.error} onRetry={() => void license.refetch()} what="load this license" />;
  if (!license.data) return <LoadingState label="Loading license…" />;
  const l = license.data;

  return (
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
      <LicenseTimeline licenseId={l.id} />
    </section>
  );
}

function LicenseDetails({ license: l }: { license: LicenseDetail }) {
  const rows: [string, React.ReactNode][] = [
    ["Tenant", <>{l.tenant.name} <span className="text-slate-600">({l.tenant.kind})</span></>],
    ["Application", `${l.component.name} (${l.component.key})`],
    ["Service tier", <span key="tier" data-testid="license-tier">{l.tier.name}</span>],
    ["Seats", `${l.seats.toLocaleString("en-US")} of the tier's ${l.tier.seats.toLocaleString("en-US")}`],
    ["Term", <><time dateTime={l.startsAt}>{formatDate(l.startsAt)}</time> to <time dateTime={l.endsAt} data-testid="license-ends">{formatDate(l.endsAt)}</time></>],
    ["Status since", formatDateTime(l.statusChangedAt)],
  ];
  if (l.importSource) rows.push(["Imported from", l.importSource]);
  return (
    <div className="grid gap-6 lg:grid-cols-2">
      <div className="rounded-lg border border-slate-200 bg-white p-4">
        <h2 className="text-lg font-semibold">Details</h2>
        <dl className="mt-3 grid grid-cols-1 gap-x-4 gap-y-2 text-sm sm:grid-cols-[max-content_1fr]">
          {rows.map(([term, value]) => (
            <div key={term} className="contents">
              <dt className="font-medium text-slate-700">{term}</dt>
              <dd className="min-w-0 break-words">{value}</dd>
            </div>
          ))}
        </dl>
      </div>
      <div className="rounded-lg border border-slate-200 bg-white p-4">
        <h2 className="text-lg font-semibold">Scopes</h2>
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
      </div>
    </div>
  );
}
