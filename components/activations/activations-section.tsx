"use client";
// A license's activations: the seats machines and people hold (fingerprint, name, first and last seen),
// how many are in use, searchable by fingerprint or name, filtered by seat state and paged; an offline
// certificate bound to one of them, and — for those who may — release behind a confirmation.
import { useState } from "react";
import { activationStatuses, type ActivationDto } from "@/contracts/activation-api";
import { Button } from "@/components/ui/button";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { DataTable, type Column } from "@/components/ui/data-table";
import { Pagination, useTablePages } from "@/components/ui/pagination";
import { FilterSelect, SearchBox, TableToolbar } from "@/components/ui/table-toolbar";
import { useUrlParam } from "@/components/ui/url-state";
import { StatusBadge } from "@/components/ui/status-badge";
import { DownloadCertificate } from "@/components/licenses/download-certificate";
import { useMayCall } from "@/components/viewer";
import { useApiAction } from "@/lib/client/use-api-action";
import { formatDateTime } from "@/lib/format";
import { activationKeys, releaseActivation, useActivations } from "./activation-queries";

const n = (v: number) => v.toLocaleString("en-US");

const seatLabels: Record<ActivationDto["status"], string> = { active: "Held", expired: "Idle, freed" };
const statusOptions = activationStatuses.map((s) => ({ value: s, label: seatLabels[s] }));

function columns(licenseId: string, licenseActive: boolean, onRelease: ((a: ActivationDto) => void) | null): Column<ActivationDto>[] {
  const list: Column<ActivationDto>[] = [
    { key: "fingerprint", header: "Fingerprint", cell: (a) => <code className="break-all font-mono text-xs">{a.fingerprint}</code> },
    { key: "name", header: "Name", cell: (a) => (a.name ? <span className="break-words">{a.name}</span> : <span className="text-slate-600">None given</span>) },
    { key: "firstSeen", header: "First seen", cell: (a) => <time dateTime={a.firstSeenAt}>{formatDateTime(a.firstSeenAt)}</time> },
    { key: "lastSeen", header: "Last seen", cell: (a) => <time dateTime={a.lastSeenAt}>{formatDateTime(a.lastSeenAt)}</time> },
    { key: "status", header: "Seat", cell: (a) => <StatusBadge status={a.status} label={seatLabels[a.status]} /> },
  ];
  if (!onRelease && !licenseActive) return list;
  list.push({
    key: "actions",
    header: "Actions",
    cell: (a) => (
      <span className="flex flex-wrap gap-2">
        {licenseActive && a.status === "active" ? (
          <DownloadCertificate licenseId={licenseId} bound={{ fingerprint: a.fingerprint, activationId: a.id, label: `Download a certificate bound to ${a.name || a.fingerprint}` }} />
        ) : null}
        {onRelease ? (
          <Button type="button" variant="danger" size="sm" onClick={() => onRelease(a)} aria-label={`Release ${a.name || a.fingerprint}`}>
            Release
          </Button>
        ) : null}
      </span>
    ),
  });
  return list;
}

export function ActivationsSection({ licenseId, licenseActive }: { licenseId: string; licenseActive: boolean }) {
  const canRelease = useMayCall("POST /v1/licenses/:id/activations/:activationId/release");
  const pages = useTablePages(25, "activations");
  const [search, setSearch] = useUrlParam("activations.q");
  const [status, setStatus] = useUrlParam("activations.status");
  const selection = { search: search || undefined, status: (activationStatuses as readonly string[]).includes(status) ? (status as ActivationDto["status"]) : undefined };
  const list = useActivations(licenseId, { ...selection, limit: pages.limit, cursor: pages.cursor });
  const [releasing, setReleasing] = useState<ActivationDto | null>(null);
  const release = useApiAction({
    run: (a: ActivationDto) => releaseActivation(licenseId, a.id),
    success: "Seat released.",
    failure: "The seat was not released.",
    invalidate: [activationKeys.all],
    onSuccess: () => setReleasing(null),
  });
  const seats = list.data?.seats;
  return (
    <section aria-labelledby="activations-title" className="rounded-lg border border-slate-200 bg-white p-4" data-testid="activations-section">
      <h2 id="activations-title" className="text-lg font-semibold">
        Activations
      </h2>
      <p className="text-sm text-slate-700" data-testid="seats-in-use">
        {seats
          ? `${n(seats.used)} of ${n(seats.seats)} seats in use. A seat idle for more than ${n(seats.heartbeatWindowMinutes)} minutes without a heartbeat frees itself.`
          : "Machines and people that hold a seat of this license."}
      </p>
      {licenseActive ? (
        <p className="mt-1 text-sm text-slate-700" data-testid="bound-certificate-lifetime">
          A certificate bound to a seat is valid only until that seat would free itself (its last heartbeat plus
          {seats ? ` ${n(seats.heartbeatWindowMinutes)} minutes` : " the tier's heartbeat window"}), not for the license&apos;s term. Its machine keeps
          the seat with heartbeats and renews the certificate by taking a fresh one; a released or idle seat&apos;s certificate lapses with it.
        </p>
      ) : null}
      <div className="mt-4">
        <TableToolbar>
          <SearchBox label="Search activations" placeholder="Fingerprint or name" value={search} onChange={pages.resetting(setSearch)} />
          <FilterSelect label="Seat" value={status} onChange={pages.resetting(setStatus)} options={statusOptions} />
        </TableToolbar>
        <DataTable
          caption="Activations"
          columns={columns(licenseId, licenseActive, canRelease ? setReleasing : null)}
          rows={list.data?.activations}
          rowKey={(a) => a.id}
          query={list}
          empty={
            search || status
              ? { title: "No activations found", body: "Try another search or clear the filter." }
              : { title: "No activations yet", body: <p>A component takes a seat with the license key and a fingerprint (<code className="font-mono">POST /v1/activations</code> over mutual TLS).</p> }
          }
        />
        {list.data?.activations.length ? (
          <Pagination label="Activations" pages={pages} nextCursor={list.data.nextCursor} summary={`${n(list.data.total)} activation${list.data.total === 1 ? "" : "s"}`} />
        ) : null}
      </div>
      {canRelease ? (
        <ConfirmDialog
          open={releasing !== null}
          onClose={() => setReleasing(null)}
          onConfirm={() => releasing && release.mutate(releasing)}
          pending={release.isPending}
          title="Release this seat?"
          description={
            releasing ? (
              <>
                <strong>{releasing.name || releasing.fingerprint}</strong> (<code className="break-all font-mono">{releasing.fingerprint}</code>) loses its seat at once:
                validations with this fingerprint are refused until its component activates it again, if a seat is free.
              </>
            ) : null
          }
          confirmLabel="Release seat"
        />
      ) : null}
    </section>
  );
}
