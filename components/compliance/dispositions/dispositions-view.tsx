"use client";
// The district's disposition requests: file one (district and platform admins), the list with each
// component's acknowledgement, and each complete request's certificate of destruction to download.
import { useCallback, useState } from "react";
import type { DispositionDto } from "@/contracts/disposition-api";
import { dispositionScopeLabels } from "@/contracts/disposition-api";
import { PageHeader } from "@/components/console/page-header";
import { Button, buttonClasses } from "@/components/ui/button";
import { DataTable, type Column } from "@/components/ui/data-table";
import { SearchBox, TableToolbar } from "@/components/ui/table-toolbar";
import { useMayCall, useViewer } from "@/components/viewer";
import { formatDateTime } from "@/lib/format";
import { seg } from "@/lib/with-query";
import { useDispositions } from "./disposition-queries";
import { FileDispositionDialog } from "./file-disposition-dialog";
import { VerifyCertificateHelp } from "./verify-certificate-help";

const pageSize = 20;

export function DispositionsView() {
  const [page, setPage] = useState(1);
  const [search, setSearch] = useState("");
  const [filing, setFiling] = useState(false);
  const list = useDispositions(page, pageSize, search);
  const canFile = useMayCall("POST /v1/dispositions");
  const platform = useViewer().role === "platform_admin";
  const pages = list.data ? Math.max(1, Math.ceil(list.data.total / pageSize)) : 1;
  const searchAgain = useCallback((text: string) => {
    setSearch(text);
    setPage(1);
  }, []);

  const columns: Column<DispositionDto>[] = [
    {
      key: "request",
      header: "Request",
      cell: (d) => (
        <div className="space-y-0.5">
          <code className="font-mono text-xs">{d.id}</code>
          <div>Filed {formatDateTime(d.createdAt)}</div>
          <div className="text-slate-700">by {d.requestedBy}</div>
        </div>
      ),
    },
    ...(platform ? [{ key: "district", header: "District", cell: (d: DispositionDto) => d.tenant.name }] : []),
    {
      key: "what",
      header: "What is destroyed",
      cell: (d) => (
        <div className="space-y-0.5">
          <div>{dispositionScopeLabels[d.scope]}</div>
          {d.studentIds.length ? <div className="text-slate-700">{d.studentIds.length} student(s): {d.studentIds.slice(0, 5).join(", ")}{d.studentIds.length > 5 ? "…" : ""}</div> : null}
          {d.reason ? <div className="text-slate-700">{d.reason}</div> : null}
        </div>
      ),
    },
    { key: "state", header: "State", cell: (d) => <DispositionState d={d} /> },
    { key: "parts", header: "Components", cell: (d) => <PartsList d={d} /> },
    { key: "certificate", header: "Certificate", cell: (d) => <CertificateLinks d={d} /> },
  ];

  return (
    <section aria-labelledby="page-title" className="space-y-6">
      <PageHeader
        title="Data disposition"
        summary="Requests to destroy the district's data (NDPA Exhibit D; C.R.S. 22-16-110): each licensed component confirms its deletion, Tessera destroys its own part, and the district receives a signed certificate of destruction."
        actions={canFile ? <Button type="button" className="print:hidden" onClick={() => setFiling(true)}>File a disposition request</Button> : null}
      />
      <TableToolbar>
        <SearchBox
          label="Search requests"
          placeholder={platform ? "Request id, e-mail, component, student id, district" : "Request id, e-mail, component, student id"}
          value={search}
          onChange={searchAgain}
        />
      </TableToolbar>
      <DataTable
        caption="Disposition requests"
        columns={columns}
        rows={list.data?.dispositions}
        rowKey={(d) => d.id}
        query={list}
        empty={search ? { title: "No request matches", body: "Try another search: part of a request id, an e-mail, a component's name, or a whole student id." } : {
          title: "No disposition requests yet",
          body: canFile
            ? "A request you file appears here with each component's acknowledgement, and its certificate of destruction once every part is done."
            : "Requests your district's administrators file appear here with each component's acknowledgement and, once complete, the certificate of destruction.",
        }}
      />
      {list.data && list.data.total > pageSize ? (
        <nav aria-label="Disposition request pages" className="flex items-center justify-between gap-2 text-sm print:hidden">
          <Button type="button" variant="secondary" size="sm" disabled={page <= 1} onClick={() => setPage((p) => p - 1)}>
            Previous
          </Button>
          <span aria-live="polite">
            Page {page} of {pages} · {list.data.total} requests
          </span>
          <Button type="button" variant="secondary" size="sm" disabled={page >= pages} onClick={() => setPage((p) => p + 1)}>
            Next
          </Button>
        </nav>
      ) : null}
      <VerifyCertificateHelp />
      <FileDispositionDialog open={filing} onClose={() => setFiling(false)} />
    </section>
  );
}

function DispositionState({ d }: { d: DispositionDto }) {
  if (d.state === "complete") {
    return (
      <span className="inline-flex items-center rounded-full bg-emerald-100 px-2 py-0.5 text-xs font-semibold text-emerald-900 ring-1 ring-inset ring-emerald-300" data-state="complete">
        Complete {d.completedAt ? formatDateTime(d.completedAt) : null}
      </span>
    );
  }
  return (
    <div className="space-y-1" data-state="awaiting-components">
      <span className="inline-flex items-center rounded-full bg-amber-100 px-2 py-0.5 text-xs font-semibold text-amber-950 ring-1 ring-inset ring-amber-300">
        Awaiting {d.awaiting.length} of {d.parts.length} component(s)
      </span>
      <div className="text-slate-700">Not yet acknowledged: {d.awaiting.join(", ")}</div>
    </div>
  );
}

function PartsList({ d }: { d: DispositionDto }) {
  return (
    <ul className="space-y-1">
      {d.parts.map((p) => (
        <li key={p.componentId}>
          <span className="font-medium">{p.componentName}</span>:{" "}
          {p.acknowledgedAt ? (
            <span>
              deleted, acknowledged {formatDateTime(p.acknowledgedAt)} by <code className="font-mono text-xs">{p.acknowledgedBy}</code>
              {p.statement ? <span className="block text-slate-700">“{p.statement}”</span> : null}
            </span>
          ) : (
            <span className="text-amber-950">not acknowledged yet</span>
          )}
        </li>
      ))}
      <li>
        <span className="font-medium">Tessera</span>:{" "}
        {d.tessera.doneAt ? <span>done {formatDateTime(d.tessera.doneAt)}{d.tessera.evidence?.dataKey ? `, data key ${d.tessera.evidence.dataKey.keyId} destroyed (${d.tessera.evidence.dataKey.protectedRecords} license key(s))` : ""}</span> : <span>after every component</span>}
      </li>
    </ul>
  );
}

function CertificateLinks({ d }: { d: DispositionDto }) {
  if (!d.hasCertificate) return <span className="text-slate-700">When every part is done</span>;
  const base = `/api/dispositions/${seg(d.id)}/certificate`;
  // `relative`: the links' screen-reader text is positioned inside the table's scroll box, not the page's.
  return (
    <div className="relative flex flex-wrap gap-2">
      <a className={buttonClasses("secondary", "sm")} href={`${base}/pdf`} download>
        PDF<span className="sr-only"> certificate of {d.id}</span>
      </a>
      <a className={buttonClasses("secondary", "sm")} href={`${base}/jws`} download>
        Signed JWS<span className="sr-only"> certificate of {d.id}</span>
      </a>
    </div>
  );
}
