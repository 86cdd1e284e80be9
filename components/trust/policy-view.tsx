"use client";
// The Compliance area's policy page: notices of material change and their acknowledgements, the versions of
// the privacy policy and subprocessors with the date each takes effect, and (platform administrators)
// publishing a new version of any trust document.
import { useState } from "react";
import type { TrustPartDto } from "@/contracts/trust-api";
import { PageHeader } from "@/components/console/page-header";
import { Button } from "@/components/ui/button";
import { Modal } from "@/components/ui/modal";
import { Panel } from "@/components/ui/panel";
import { ErrorState, LoadingState } from "@/components/ui/states";
import { StatusBadge } from "@/components/ui/status-badge";
import { useMayCall } from "@/components/viewer";
import { formatDate } from "@/lib/format";
import { NoticeList } from "./notice-list";
import { PublishDocumentForm } from "./publish-document-form";
import { useTrustFacts } from "./trust-queries";

export function PolicyView() {
  const facts = useTrustFacts();
  const canPublish = useMayCall("POST /v1/trust/documents");
  const [publishing, setPublishing] = useState(false);
  return (
    <section aria-labelledby="page-title" className="space-y-6">
      <PageHeader
        title="Policy & subprocessors"
        summary={<>Versions of the privacy policy and the subprocessors, notices of change and who acknowledged them. The public <a className="text-indigo-800 underline" href="/trust">trust page</a> shows the same facts.</>}
        actions={canPublish ? <Button type="button" onClick={() => setPublishing(true)}>Publish a new version</Button> : null}
      />
      <Panel title="Notices of change">
        <div className="mt-3">
          <NoticeList />
        </div>
      </Panel>
      {facts.isPending ? <LoadingState label="Loading versions…" /> : null}
      {facts.isError ? <ErrorState error={facts.error} onRetry={() => void facts.refetch()} what="load the versions" /> : null}
      {facts.data ? (
        <>
          <Versions title="Privacy policy versions" part={facts.data.privacyPolicy} />
          <Versions title="Subprocessor change log" part={facts.data.subprocessors} />
        </>
      ) : null}
      <Modal open={publishing} onClose={() => setPublishing(false)} title="Publish a new version" size="lg">
        {publishing && facts.data ? <PublishDocumentForm facts={facts.data} onDone={() => setPublishing(false)} /> : null}
      </Modal>
    </section>
  );
}

function Versions({ title, part }: { title: string; part: TrustPartDto }) {
  return (
    <Panel title={title}>
      {part.versions.length === 0 ? (
        <p className="mt-2 text-sm">No version is published yet; each one will appear here with the date it takes effect.</p>
      ) : (
        <ol className="mt-2 space-y-2">
          {part.versions.map((v) => {
            const status = part.current?.version === v.version ? "active" : part.current && v.version < part.current.version ? "expired" : "pending";
            return (
              <li key={v.id} className="flex flex-wrap items-baseline gap-2 text-sm">
                <span className="font-medium">Version {v.version}</span>
                <StatusBadge status={status} label={status === "active" ? "In effect" : status === "expired" ? "Superseded" : "Announced"} />
                <span>
                  takes effect {formatDate(v.effectiveAt)} (published {formatDate(v.publishedAt)}){v.material ? ", material change" : ""} — {v.summary}
                </span>
              </li>
            );
          })}
        </ol>
      )}
    </Panel>
  );
}
