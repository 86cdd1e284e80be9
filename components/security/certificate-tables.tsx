"use client";
// The internal CA's certificates (serial, identity, not-after, state) and which peers hold connections to
// the access process that answered, by certificate. The CA's private key stays offline: `tessera pki` acts.
import type { InventoryCertificate, LivePeer, SecurityInventoryResponse, SeenPeer } from "@/contracts/security-inventory-api";
import { LocalTime } from "@/components/audit/local-time";
import { DataTable, type Column, type TableQuery } from "@/components/ui/data-table";
import { Notice } from "@/components/ui/notice";
import { StatusBadge } from "@/components/ui/status-badge";

const serial = (s: string) => <span className="font-mono text-xs break-all">{s}</span>;

const certificateColumns: Column<InventoryCertificate>[] = [
  { key: "identity", header: "Identity", cell: (c) => <span className="font-medium">{c.identity}</span> },
  { key: "usage", header: "Usage", cell: (c) => c.usage },
  { key: "serial", header: "Serial", cell: (c) => serial(c.serial) },
  { key: "notAfter", header: "Not after", cell: (c) => <LocalTime iso={c.notAfter} /> },
  {
    key: "state",
    header: "State",
    cell: (c) => (
      <span className="flex flex-wrap items-center gap-1">
        <StatusBadge status={c.state} />
        {c.revokedAt ? (
          <span className="text-xs text-slate-700">
            since <LocalTime iso={c.revokedAt} />
          </span>
        ) : null}
      </span>
    ),
  },
];

const liveColumns: Column<LivePeer>[] = [
  { key: "identity", header: "Identity", cell: (p) => <span className="font-medium">{p.identity}</span> },
  { key: "serial", header: "Certificate serial", cell: (p) => serial(p.serial) },
  { key: "connections", header: "Connections", cell: (p) => p.connections },
  { key: "since", header: "Connected since", cell: (p) => <LocalTime iso={p.connectedSince} /> },
];

const seenColumns: Column<SeenPeer>[] = [
  { key: "identity", header: "Identity", cell: (p) => <span className="font-medium">{p.identity}</span> },
  { key: "serial", header: "Certificate serial", cell: (p) => serial(p.serial) },
  { key: "seen", header: "Last seen", cell: (p) => <LocalTime iso={p.lastSeenAt} /> },
];

export function CertificateTables({ data, query }: { data: SecurityInventoryResponse | undefined; query: TableQuery }) {
  const unavailable = data?.certificates.unavailable;
  return (
    <div className="space-y-4">
      <h3 className="text-base font-semibold">Certificates issued by the internal CA</h3>
      {unavailable ? (
        <Notice tone="warning" title="The certificate list is not available here">
          {unavailable}
        </Notice>
      ) : (
        <DataTable caption="Certificates" columns={certificateColumns} rows={data?.certificates.rows ?? undefined} rowKey={(c) => c.serial} query={query} empty={{ title: "No certificates", body: "The CA has issued none yet." }} />
      )}
      <h3 className="text-base font-semibold">Connected now</h3>
      <p className="text-sm text-slate-700">
        Peers holding a connection to the access service process that answered
        {data ? (
          <>
            {" "}
            (counting since <LocalTime iso={data.connections.observedSince} />)
          </>
        ) : null}
        , by the certificate they presented. Behind a balancer, each process sees only its own.
      </p>
      <DataTable caption="Connected now" columns={liveColumns} rows={data?.connections.live} rowKey={(p) => p.serial} query={query} empty={{ title: "No peer connected", body: "No component holds a connection right now." }} />
      <h3 className="text-base font-semibold">Last seen, by certificate</h3>
      <DataTable caption="Last seen" columns={seenColumns} rows={data?.connections.lastSeen} rowKey={(p) => p.serial} query={query} empty={{ title: "Nothing seen yet", body: "No peer has connected since this process started." }} />
    </div>
  );
}
