"use client";
// The service tiers with their quotas, scope count and how many licenses use each.
import Link from "next/link";
import type { TierDto } from "@/contracts/catalogue-api";
import { DataTable, type Column } from "@/components/ui/data-table";
import { useTiers } from "./catalogue-queries";

const n = (v: number) => v.toLocaleString("en-US");

const columns: Column<TierDto>[] = [
  {
    key: "name",
    header: "Tier",
    cell: (t) => (
      <Link href={`/tiers/${t.id}`} className="font-medium text-indigo-800 underline">
        {t.name}
      </Link>
    ),
  },
  { key: "key", header: "Key", cell: (t) => <code className="font-mono text-xs">{t.key}</code> },
  { key: "scopes", header: "Scopes", cell: (t) => n(t.scopes.length), className: "text-right tabular-nums" },
  { key: "seats", header: "Seats", cell: (t) => n(t.seats), className: "text-right tabular-nums" },
  { key: "tokens", header: "Tokens per license", cell: (t) => n(t.tokensPerLicense), className: "text-right tabular-nums" },
  { key: "rpm", header: "Requests per minute", cell: (t) => n(t.requestsPerMinute), className: "text-right tabular-nums" },
  { key: "licenses", header: "Licenses", cell: (t) => n(t.licenseCount), className: "text-right tabular-nums" },
];

export function TiersTable() {
  const tiers = useTiers();
  return (
    <DataTable
      caption="Service tiers"
      columns={columns}
      rows={tiers.data}
      rowKey={(t) => t.id}
      query={tiers}
      empty={{ title: "No service tiers yet", body: "Create a tier to offer licenses on it." }}
    />
  );
}
