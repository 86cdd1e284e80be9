"use client";
// /compliance: a district's people see their district's overview; a platform admin sees every district
// with its agreement state and open incidents, and one district's overview when they pick it.
import Link from "next/link";
import { agreementKindLabels, type DistrictSummaryDto } from "@/contracts/compliance-api";
import { PageHeader } from "@/components/console/page-header";
import { BackLink, RecordPage } from "@/components/console/record-page";
import { DataTable, type Column } from "@/components/ui/data-table";
import { Pagination, useTablePages } from "@/components/ui/pagination";
import { ErrorState, LoadingState } from "@/components/ui/states";
import { SearchBox, TableToolbar } from "@/components/ui/table-toolbar";
import { useUrlParam } from "@/components/ui/url-state";
import { useViewer } from "@/components/viewer";
import { formatDate } from "@/lib/format";
import { useComplianceDistricts, useDistrictOverview } from "./compliance-queries";
import { DistrictOverview } from "./district-overview";

export function ComplianceOverview({ districtId }: { districtId: string | null }) {
  const { role } = useViewer();
  if (role === "platform_admin") return districtId ? <OneDistrict id={districtId} back={<BackLink href="/compliance">All districts</BackLink>} /> : <AllDistricts />;
  return <OwnDistrict />;
}

function OneDistrict({ id, back }: { id: string; back?: React.ReactNode }) {
  const overview = useDistrictOverview(id);
  return (
    <RecordPage query={overview} noun="district" back={back ?? null} notFound="There is no school district with this id that you can see.">
      {(o) => <DistrictOverview overview={o} back={back} />}
    </RecordPage>
  );
}

/** A district's own people: the district is theirs; a company's admins learn that these pages are for districts. */
function OwnDistrict() {
  const list = useComplianceDistricts({ limit: 1 });
  if (list.error) return <ErrorState error={list.error} onRetry={() => void list.refetch()} what="load your district" />;
  if (!list.data) return <LoadingState label="Loading your district…" />;
  const own = list.data.districts[0];
  if (!own) {
    return (
      <section aria-labelledby="page-title">
        <PageHeader title="Compliance" summary="These pages are for school districts: their agreement, the data each licensed component holds, and incidents that concern them. Your organisation is not a district, so there is nothing to show here." />
      </section>
    );
  }
  return <OneDistrict id={own.id} />;
}

const columns: Column<DistrictSummaryDto>[] = [
  {
    key: "name",
    header: "District",
    cell: (d) => (
      <Link href={`/compliance?district=${encodeURIComponent(d.id)}`} className="font-medium text-indigo-800 underline">
        {d.name}
      </Link>
    ),
  },
  { key: "state", header: "State", cell: (d) => d.state ?? "—" },
  { key: "agreement", header: "Agreement", cell: (d) => (d.agreementKind ? agreementKindLabels[d.agreementKind] : d.agreementReference ? "Kind not recorded" : "None recorded") },
  { key: "ends", header: "Ends", cell: (d) => (d.agreementEndsOn ? <time dateTime={d.agreementEndsOn}>{formatDate(`${d.agreementEndsOn}T00:00:00Z`)}</time> : "—") },
  { key: "open", header: "Open incidents", className: "text-right tabular-nums", cell: (d) => d.openIncidents },
  {
    key: "overdue",
    header: "Overdue notices",
    className: "text-right tabular-nums",
    cell: (d) => (d.overdueNotices ? <strong className="rounded bg-red-700 px-2 py-0.5 text-white">{d.overdueNotices}</strong> : 0),
  },
];

function AllDistricts() {
  const [search, setSearch] = useUrlParam("q");
  const pages = useTablePages();
  const list = useComplianceDistricts({ search: search || undefined, limit: pages.limit, cursor: pages.cursor });
  return (
    <section aria-labelledby="page-title">
      <PageHeader title="Compliance" summary="Every school district with its agreement and the incidents that concern it. Open a district to see its overview as its reviewers do." />
      <TableToolbar>
        <SearchBox label="Search districts" placeholder="Name or slug" value={search} onChange={pages.resetting(setSearch)} />
      </TableToolbar>
      <DataTable
        caption="School districts"
        columns={columns}
        rows={list.data?.districts}
        rowKey={(d) => d.id}
        query={list}
        empty={{ title: "No school districts", body: search ? "Try another search." : "District tenants appear here with their agreement and open incidents once they are created." }}
      />
      {list.data?.districts.length ? <Pagination label="Districts" pages={pages} nextCursor={list.data.nextCursor} /> : null}
    </section>
  );
}
