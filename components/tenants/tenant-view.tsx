"use client";
// The tenant page's body: details and lifecycle, its sign-in requirement, its licenses, then members and invitations for those who may see them.
import type { TenantDto } from "@/contracts/tenant-api";
import { PageHeader } from "@/components/console/page-header";
import { BackLink, RecordPage } from "@/components/console/record-page";
import { DetailsList, type DetailRow } from "@/components/ui/details-list";
import { Panel } from "@/components/ui/panel";
import { StatusBadge } from "@/components/ui/status-badge";
import { useMayCall } from "@/components/viewer";
import { formatDate } from "@/lib/format";
import { AgreementPanel } from "./agreement-panel";
import { EditTenantButton } from "./create-tenant-dialog";
import { InvitationsSection } from "./invitations-section";
import { MembersSection } from "./members-section";
import { SecondFactorRequirementPanel } from "./second-factor-requirement-panel";
import { TenantLicensesPanel } from "./tenant-licenses-panel";
import { TenantLifecycle } from "./tenant-lifecycle";
import { useTenant } from "./tenant-queries";
import { kindLabels, tenantStatusLabels } from "./tenants-table";

const back = <BackLink href="/tenants">All tenants</BackLink>;

export function TenantView({ id }: { id: string }) {
  const tenant = useTenant(id);
  const canReadMembers = useMayCall("GET /v1/tenants/:id/members");
  const canReadLicenses = useMayCall("GET /v1/licenses");
  return (
    <RecordPage query={tenant} noun="tenant" back={back} notFound="There is no tenant with this id that you can see.">
      {(t) => (
        <section aria-labelledby="page-title" className="space-y-6">
          <PageHeader back={back} title={t.name} summary={<code className="font-mono text-sm">{t.slug}</code>} />
          <TenantDetails tenant={t} />
          <TenantLifecycle tenant={t} />
          <SecondFactorRequirementPanel tenant={t} />
          {canReadLicenses ? <TenantLicensesPanel tenant={t} /> : null}
          {t.kind === "district" ? <AgreementPanel tenantId={t.id} state={t.districtState} /> : null}
          {canReadMembers ? <MembersSection tenantId={t.id} /> : null}
          {canReadMembers ? <InvitationsSection tenantId={t.id} /> : null}
        </section>
      )}
    </RecordPage>
  );
}

function TenantDetails({ tenant: t }: { tenant: TenantDto }) {
  const canEdit = useMayCall("PATCH /v1/tenants/:id");
  const rows: DetailRow[] = [["Status", <StatusBadge key="status" status={t.status} label={tenantStatusLabels[t.status]} />], ["Kind", kindLabels[t.kind]]];
  if (t.kind === "district") {
    rows.push(["State", t.districtState ?? "—"]);
  }
  rows.push(["Created", formatDate(t.createdAt)]);
  return (
    <Panel title="Details">
      <DetailsList rows={rows} className="mt-3 text-sm" />
      {canEdit ? (
        <div className="mt-4">
          <EditTenantButton tenant={t} />
        </div>
      ) : null}
    </Panel>
  );
}
