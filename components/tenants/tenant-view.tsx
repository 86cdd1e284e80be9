"use client";
// The tenant page's body: details, then members and invitations for those who may see them.
import Link from "next/link";
import type { TenantDto } from "@/contracts/tenant-api";
import { PageHeader } from "@/components/console/page-header";
import { ErrorState, LoadingState } from "@/components/ui/states";
import { useCan } from "@/components/viewer";
import { isApiError } from "@/lib/client/api-fetch";
import { formatDate } from "@/lib/format";
import { InvitationsSection } from "./invitations-section";
import { MembersSection } from "./members-section";
import { useTenant } from "./tenant-queries";
import { kindLabels } from "./tenants-table";

const back = (
  <Link href="/tenants" className="text-indigo-800 underline">
    ← All tenants
  </Link>
);

export function TenantView({ id }: { id: string }) {
  const tenant = useTenant(id);
  const canReadMembers = useCan("members.read");
  if (tenant.error && isApiError(tenant.error) && tenant.error.status === 404) {
    return (
      <section aria-labelledby="page-title">
        <PageHeader title="Tenant not found" back={back} summary="There is no tenant with this id that you can see." />
      </section>
    );
  }
  if (tenant.error) return <ErrorState error={tenant.error} onRetry={() => void tenant.refetch()} what="load this tenant" />;
  if (!tenant.data) return <LoadingState label="Loading tenant…" />;
  const t = tenant.data;
  return (
    <section aria-labelledby="page-title" className="space-y-6">
      <PageHeader back={back} title={t.name} summary={<code className="font-mono text-sm">{t.slug}</code>} />
      <TenantDetails tenant={t} />
      {canReadMembers ? <MembersSection tenantId={t.id} /> : null}
      {canReadMembers ? <InvitationsSection tenantId={t.id} /> : null}
    </section>
  );
}

function TenantDetails({ tenant: t }: { tenant: TenantDto }) {
  const rows: [string, string][] = [["Kind", kindLabels[t.kind]]];
  if (t.kind === "district") {
    rows.push(["State", t.districtState ?? "—"]);
    rows.push(["Student-data agreement", t.dataAgreement ?? "Not signed yet"]);
    rows.push(["Agreement signed on", t.dataAgreementSignedAt ? formatDate(`${t.dataAgreementSignedAt}T00:00:00Z`) : "—"]);
  }
  rows.push(["Created", formatDate(t.createdAt)]);
  return (
    <div className="rounded-lg border border-slate-200 bg-white p-4">
      <h2 className="text-lg font-semibold">Details</h2>
      <dl className="mt-3 grid grid-cols-1 gap-x-4 gap-y-2 text-sm sm:grid-cols-[max-content_1fr]">
        {rows.map(([term, value]) => (
          <div key={term} className="contents">
            <dt className="font-medium text-slate-700">{term}</dt>
            <dd className="break-words">{value}</dd>
          </div>
        ))}
      </dl>
    </div>
  );
}
