"use client";
// The dashboard's figures: licenses by status, those ending within 30 days (the soonest named), tokens
// live and revoked this week, and validations over the week (license validations and token introspections,
// two series; without tokens.read, license validations only). Counted by the access service over what the
// person may see; each figure is text first (a bar only helps), with an empty state when there is none.
import Link from "next/link";
import { useQuery } from "@tanstack/react-query";
import { expiringWithinDays, type DashboardResponse } from "@/contracts/dashboard-api";
import { licenseStatuses, licenseStatusLabels } from "@/contracts/license-api";
import { LocalTime } from "@/components/audit/local-time";
import { EmptyState, ErrorState, LoadingState } from "@/components/ui/states";
import { apiFetch } from "@/lib/client/api-fetch";
import { seg } from "@/lib/with-query";
import { ValidationsChart } from "./validations-chart";

const barColours: Record<string, string> = { active: "bg-emerald-600", suspended: "bg-amber-500", expired: "bg-slate-400", revoked: "bg-red-700" };

export function DashboardFigures() {
  const figures = useQuery({ queryKey: ["dashboard"], queryFn: ({ signal }) => apiFetch<DashboardResponse>("/api/dashboard", { signal }) });
  if (figures.error) return <ErrorState error={figures.error} onRetry={() => void figures.refetch()} what="load the figures" />;
  if (!figures.data) return <LoadingState label="Loading figures…" />;
  const { licenses, tokens } = figures.data;
  return (
    <div className="mt-6 grid gap-4 lg:grid-cols-2" data-testid="dashboard-figures">
      <Card title="Licenses by status">
        <LicensesByStatus byStatus={licenses.byStatus} />
      </Card>
      <Card title={`Ending within ${expiringWithinDays} days`}>
        <Expiring expiring={licenses.expiringSoon} />
      </Card>
      {tokens ? (
        <Card title="Tokens">
          <dl className="grid grid-cols-2 gap-4">
            <Figure label="Live now" value={tokens.live} testId="tokens-live" />
            <Figure label="Revoked this week" value={tokens.revokedThisWeek} testId="tokens-revoked-week" />
          </dl>
        </Card>
      ) : null}
      <Card title="Validations over time">
        <ValidationsChart licenseValidations={licenses.validations} introspections={tokens?.introspections ?? null} />
      </Card>
    </div>
  );
}

function Card({ title, children }: { title: string; children: React.ReactNode }) {
  return (
    <section className="min-w-0 rounded-xl border border-slate-200 bg-white p-5 shadow-sm" aria-label={title}>
      <h2 className="font-semibold">{title}</h2>
      <div className="mt-3">{children}</div>
    </section>
  );
}

function Figure({ label, value, testId }: { label: string; value: number; testId: string }) {
  return (
    <div>
      <dt className="text-sm text-slate-700">{label}</dt>
      <dd className="text-3xl font-semibold tabular-nums" data-testid={testId}>
        {value.toLocaleString("en-GB")}
      </dd>
    </div>
  );
}

function LicensesByStatus({ byStatus }: { byStatus: DashboardResponse["licenses"]["byStatus"] }) {
  const total = licenseStatuses.reduce((sum, s) => sum + byStatus[s], 0);
  if (total === 0) {
    return (
      <EmptyState title="No licenses yet">
        Licenses appear here once one is created for your organisation. <Link href="/licenses" className="font-medium text-indigo-800 underline">Go to licenses</Link>
      </EmptyState>
    );
  }
  return (
    <>
      <dl className="space-y-2" data-testid="licenses-by-status">
        {licenseStatuses.map((s) => (
          <div key={s} className="grid grid-cols-[6rem_1fr_3rem] items-center gap-3 text-sm">
            <dt>{licenseStatusLabels[s]}</dt>
            <div aria-hidden="true" className="h-2 overflow-hidden rounded-full bg-slate-100">
              <div className={`h-full ${barColours[s]}`} style={{ width: `${(100 * byStatus[s]) / total}%` }} />
            </div>
            <dd className="text-right font-semibold tabular-nums" data-testid={`licenses-${s}`}>
              {byStatus[s].toLocaleString("en-GB")}
            </dd>
          </div>
        ))}
      </dl>
      <p className="mt-3 text-sm">
        <Link href="/licenses" className="font-medium text-indigo-800 underline">
          All {total.toLocaleString("en-GB")} licenses
        </Link>
      </p>
    </>
  );
}

function Expiring({ expiring }: { expiring: DashboardResponse["licenses"]["expiringSoon"] }) {
  if (expiring.count === 0) return <EmptyState title="None ending soon">No active license ends in the next {expiringWithinDays} days.</EmptyState>;
  return (
    <>
      <p className="text-sm">
        <span className="text-3xl font-semibold tabular-nums" data-testid="licenses-expiring">
          {expiring.count.toLocaleString("en-GB")}
        </span>{" "}
        active {expiring.count === 1 ? "license ends" : "licenses end"} within {expiringWithinDays} days{expiring.count > expiring.soonest.length ? "; the soonest:" : ":"}
      </p>
      <ul className="mt-2 space-y-1 text-sm">
        {expiring.soonest.map((l) => (
          <li key={l.id} className="flex flex-wrap justify-between gap-x-3">
            <Link href={`/licenses/${seg(l.id)}`} className="min-w-0 break-words font-medium text-indigo-800 underline">
              {l.component} for {l.tenant}
            </Link>
            <span className="text-slate-700">
              ends <LocalTime iso={l.endsAt} />
            </span>
          </li>
        ))}
      </ul>
    </>
  );
}
