"use client";
// Publishing a new version of a trust document (platform administrators): the privacy policy, the
// subprocessors, the commitments or the security contact, starting from the version in effect. A material
// change of the policy or subprocessors needs an effective date at least the notice period ahead.
import { useState } from "react";
import type { DocumentContent, DocumentKind, TrustResponse } from "@/contracts/trust-api";
import { Button } from "@/components/ui/button";
import { Field, SelectField } from "@/components/ui/field";
import { ModalActions } from "@/components/ui/modal";
import { apiFetch } from "@/lib/client/api-fetch";
import { useApiAction } from "@/lib/client/use-api-action";
import { fromDateInput } from "@/lib/format";
import { kindLabels } from "./notice-list";
import { RowsEditor } from "./rows-editor";
import { TextArea } from "./text-area";
import { trustKeys } from "./trust-queries";

const partOf = (facts: TrustResponse, kind: DocumentKind) =>
  ({ privacy_policy: facts.privacyPolicy, subprocessors: facts.subprocessors, commitments: facts.commitments, security_contact: facts.securityContact })[kind];

function startingContent(facts: TrustResponse, kind: DocumentKind): DocumentContent {
  const latest = partOf(facts, kind).versions[0]?.content;
  if (latest) return latest;
  if (kind === "privacy_policy") return { kind, text: "" };
  if (kind === "subprocessors") return { kind, subprocessors: [] };
  if (kind === "commitments") return { kind, commitments: [] };
  return { kind, coordinator: "", email: "", notification: [], languages: ["en"] };
}

export function PublishDocumentForm({ facts, onDone }: { facts: TrustResponse; onDone: () => void }) {
  const [kind, setKind] = useState<DocumentKind>("privacy_policy");
  const [content, setContent] = useState<DocumentContent>(() => startingContent(facts, "privacy_policy"));
  const [summary, setSummary] = useState("");
  const [material, setMaterial] = useState(false);
  const [effectiveDate, setEffectiveDate] = useState("");
  const noticeKind = kind === "privacy_policy" || kind === "subprocessors";
  const publish = useApiAction({
    run: () =>
      apiFetch<{ document: { version: number }; announcedTo: number }>("/api/trust/documents", {
        method: "POST",
        body: { content, summary, material: noticeKind && material, ...(effectiveDate ? { effectiveAt: fromDateInput(effectiveDate) } : {}) },
      }),
    success: (r) => `Version ${r.document.version} of the ${kindLabels[kind].toLowerCase()} published${r.announcedTo ? `, announced to ${r.announcedTo} districts` : ""}.`,
    failure: "The new version was not published.",
    invalidate: [trustKeys.facts, trustKeys.notices],
    onSuccess: onDone,
  });
  const e = publish.fieldErrors;
  const contentErrors = Object.entries(e).filter(([k]) => k.startsWith("content")).flatMap(([k, v]) => v.map((m) => `${k.replace(/^content\.?/, "") || "content"}: ${m}`));
  return (
    <form
      noValidate
      className="space-y-4"
      onSubmit={(ev) => {
        ev.preventDefault();
        publish.mutate();
      }}
    >
      <SelectField
        id="doc-kind"
        name="kind"
        label="Document"
        value={kind}
        options={(Object.keys(kindLabels) as DocumentKind[]).map((k) => ({ value: k, label: kindLabels[k] }))}
        onChange={(ev) => {
          const next = ev.target.value as DocumentKind;
          setKind(next);
          setContent(startingContent(facts, next));
        }}
      />
      <ContentEditor content={content} onChange={setContent} />
      {contentErrors.length ? (
        <ul role="alert" className="text-sm font-medium text-red-700">
          {contentErrors.map((m) => (
            <li key={m}>{m}</li>
          ))}
        </ul>
      ) : null}
      <Field id="doc-summary" name="summary" label="What changed" value={summary} errors={e.summary} onChange={(ev) => setSummary(ev.target.value)} maxLength={500} />
      {noticeKind ? (
        <div className="space-y-1">
          <label className="flex items-center gap-2 text-sm font-medium">
            <input type="checkbox" checked={material} onChange={(ev) => setMaterial(ev.target.checked)} aria-describedby="doc-material-hint" />
            Material change: announce it to every district
          </label>
          <p id="doc-material-hint" className="text-sm text-slate-600">
            It then takes effect no sooner than {facts.noticeDays} days from today, and each district acknowledges it.
          </p>
          {e.material ? <p className="text-sm font-medium text-red-700">{e.material.join(" ")}</p> : null}
        </div>
      ) : null}
      <Field id="doc-effective" name="effectiveAt" type="date" label="Takes effect on" hint="Leave empty for at once (not allowed for a material change)." value={effectiveDate} errors={e.effectiveAt} onChange={(ev) => setEffectiveDate(ev.target.value)} />
      <ModalActions>
        <Button type="button" variant="secondary" onClick={onDone} disabled={publish.isPending}>
          Cancel
        </Button>
        <Button type="submit" disabled={publish.isPending}>
          {publish.isPending ? "Publishing…" : "Publish version"}
        </Button>
      </ModalActions>
    </form>
  );
}

function ContentEditor({ content, onChange }: { content: DocumentContent; onChange: (c: DocumentContent) => void }) {
  switch (content.kind) {
    case "privacy_policy":
      return <TextArea id="doc-text" label="Policy text" hint="Paragraphs separated by a blank line." rows={12} value={content.text} onChange={(ev) => onChange({ ...content, text: ev.target.value })} />;
    case "subprocessors":
      return (
        <RowsEditor
          legend="Subprocessor"
          rows={content.subprocessors}
          blank={{ name: "", purpose: "", location: "", data: "" }}
          fields={[["name", "Name"], ["purpose", "What it does for Tessera"], ["location", "Where it processes data"], ["data", "Data it receives"]]}
          onChange={(subprocessors) => onChange({ ...content, subprocessors })}
        />
      );
    case "commitments":
      return (
        <RowsEditor
          legend="Commitment"
          rows={content.commitments.map((c) => ({ ...c, basis: c.basis ?? "" }))}
          blank={{ title: "", text: "", basis: "" }}
          fields={[["title", "Title"], ["text", "Commitment"], ["basis", "Law or criterion (optional)"]]}
          onChange={(commitments) => onChange({ ...content, commitments })}
        />
      );
    case "security_contact":
      return (
        <div className="space-y-3">
          <Field id="doc-coordinator" name="coordinator" label="Security coordinator" value={content.coordinator} onChange={(ev) => onChange({ ...content, coordinator: ev.target.value })} />
          <Field id="doc-email" name="email" type="email" label="E-mail address" value={content.email} onChange={(ev) => onChange({ ...content, email: ev.target.value })} />
          <TextArea id="doc-notification" label="Incident-notification commitments" hint="One per line." rows={4} value={content.notification.join("\n")} onChange={(ev) => onChange({ ...content, notification: ev.target.value.split("\n").filter((l) => l.trim()) })} />
          <Field id="doc-languages" name="languages" label="Preferred languages" hint="Language tags separated by commas, e.g. en, es." value={content.languages.join(", ")} onChange={(ev) => onChange({ ...content, languages: ev.target.value.split(",").map((l) => l.trim()).filter(Boolean) })} />
        </div>
      );
  }
}
