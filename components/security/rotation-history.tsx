"use client";
// Past storage key rotations: versions, who started them, how they ended and what they left behind.
import type { RewrapJobDto } from "@/contracts/storage-rotation-api";
import { LocalTime } from "@/components/audit/local-time";
import { DataTable, type Column, type TableQuery } from "@/components/ui/data-table";
import { StatusBadge } from "@/components/ui/status-badge";

const stateBadge = (j: RewrapJobDto) =>
  j.state === "running" ? (
    <StatusBadge status="active" label="Running" />
  ) : j.state === "failed" ? (
    <StatusBadge status="revoked" label="Failed" />
  ) : j.failed > 0 ? (
    <StatusBadge status="overdue" label={`Done, ${j.failed} unreadable`} />
  ) : (
    <StatusBadge status="retired" label="Done" />
  );

const columns: Column<RewrapJobDto>[] = [
  { key: "started", header: "Started", cell: (j) => <LocalTime iso={j.startedAt} /> },
  { key: "by", header: "By", cell: (j) => j.startedBy },
  { key: "versions", header: "Versions", cell: (j) => <span className="font-mono">k{j.fromVersion} → k{j.toVersion}</span> },
  { key: "records", header: "Records rewrapped", cell: (j) => `${j.rewrapped.toLocaleString("en-US")} of ${j.total.toLocaleString("en-US")}` },
  { key: "state", header: "State", cell: stateBadge },
  {
    key: "minimum",
    header: "Minimum decryption version",
    cell: (j) =>
      j.minDecryptionVersion ? `raised to k${j.minDecryptionVersion}` : j.state === "running" ? "—" : `not raised (${j.remainingUnderOld ?? "?"} record(s) under older versions)`,
  },
  { key: "finished", header: "Finished", cell: (j) => (j.finishedAt ? <LocalTime iso={j.finishedAt} /> : "—") },
];

export function RotationHistory({ jobs, query }: { jobs: RewrapJobDto[] | undefined; query: TableQuery }) {
  return <DataTable caption="Storage key rotations" columns={columns} rows={jobs} rowKey={(j) => j.id} query={query} empty={{ title: "No rotations yet", body: "Rotations started here, or by tessera keys reencrypt, appear here." }} />;
}
