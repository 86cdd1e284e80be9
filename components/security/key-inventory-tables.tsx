"use client";
// The key inventory by purpose (algorithm, version, age, last rotation, TTL, overdue) and what each storage
// keyring version still protects. Metadata only: the access service never sends key material.
import type { InventoryKey, SecurityInventoryResponse, StorageVersionUse } from "@/contracts/security-inventory-api";
import { keyPurposeLabels } from "@/contracts/security-inventory-api";
import { LocalTime } from "@/components/audit/local-time";
import { DataTable, type Column, type TableQuery } from "@/components/ui/data-table";
import { StatusBadge } from "@/components/ui/status-badge";

const age = (k: InventoryKey) => (k.ageDays === null ? "not recorded" : `${k.ageDays} day${k.ageDays === 1 ? "" : "s"}`);
const when = (iso: string | null) => (iso ? <LocalTime iso={iso} /> : <span className="text-slate-700">not recorded</span>);

function keyState(k: InventoryKey) {
  if (k.overdue) return <StatusBadge status="overdue" label={`Overdue: older than ${k.ttlDays} days`} />;
  if (k.current) return <StatusBadge status="active" label="Current" />;
  const label = k.purpose === "audit-chain" ? "On the audit host" : k.purpose === "tenant-data" ? "None yet" : "Older version";
  return <StatusBadge status="retired" label={label} />;
}

const keyColumns: Column<InventoryKey>[] = [
  {
    key: "purpose",
    header: "Purpose",
    cell: (k) => (
      <div className="min-w-40">
        <p className="font-medium">{keyPurposeLabels[k.purpose]}</p>
        {k.note ? <p className="text-xs text-slate-700">{k.note}</p> : null}
      </div>
    ),
  },
  { key: "algorithm", header: "Algorithm", cell: (k) => k.algorithm },
  { key: "version", header: "Version", cell: (k) => (k.version ? <span className="font-mono text-xs break-all">{k.version}</span> : "—") },
  { key: "age", header: "Age", cell: age },
  { key: "rotated", header: "Last rotation", cell: (k) => when(k.lastRotatedAt) },
  { key: "ttl", header: "TTL policy", cell: (k) => `${k.ttlDays} days` },
  { key: "state", header: "State", cell: keyState },
];

const versionColumns: Column<StorageVersionUse>[] = [
  { key: "version", header: "Version", cell: (v) => <span className="font-mono">k{v.version}</span> },
  {
    key: "current",
    header: "State",
    cell: (v) =>
      v.current ? <StatusBadge status="active" label="Current" /> : v.retired ? <StatusBadge status="revoked" label="Retired (refused)" /> : <StatusBadge status="retired" label="Older version" />,
  },
  { key: "licenseKeys", header: "License keys sealed under it", cell: (v) => v.licenseKeys },
  { key: "dataKeys", header: "Tenant data keys wrapped by it", cell: (v) => v.dataKeys },
  { key: "underDataKeys", header: "License keys under those data keys", cell: (v) => v.licenseKeysUnderDataKeys },
];

export function KeyInventoryTables({ data, query }: { data: SecurityInventoryResponse | undefined; query: TableQuery }) {
  const overdue = data?.keys.filter((k) => k.overdue) ?? [];
  return (
    <div className="space-y-4">
      <h3 className="text-base font-semibold">Keys by purpose</h3>
      {overdue.length > 0 ? (
        <p role="alert" className="rounded-md border border-amber-300 bg-amber-50 px-4 py-3 text-sm text-amber-950">
          {overdue.length} key{overdue.length === 1 ? " is" : "s are"} past {overdue.length === 1 ? "its" : "their"} TTL:{" "}
          {overdue.map((k) => keyPurposeLabels[k.purpose]).join(", ")}. Rotate with the `tessera keys` and `tessera pki` commands.
        </p>
      ) : null}
      <DataTable caption="Keys by purpose" columns={keyColumns} rows={data?.keys} rowKey={(k) => `${k.purpose}:${k.version ?? k.note ?? ""}`} query={query} empty={{ title: "No keys", body: "The access service reported no keys." }} />
      <h3 className="text-base font-semibold">What each storage key version still protects</h3>
      <p className="text-sm text-slate-700">
        A version can be retired once nothing is sealed under it: `tessera keys reencrypt` moves license keys under their tenant&apos;s data key and rewraps data keys under the current version.
      </p>
      <DataTable caption="Storage key versions" columns={versionColumns} rows={data?.storageVersions} rowKey={(v) => String(v.version)} query={query} empty={{ title: "No storage key versions", body: "No keyring is loaded." }} />
    </div>
  );
}
