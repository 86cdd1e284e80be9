"use client";
// A component's data inventory on its console page (NDPA Exhibit B): the declaration in effect and its
// versions; platform administrators (trust.write) publish a new version, which the public /trust page shows.
import { useState } from "react";
import type { ComponentDto } from "@/contracts/catalogue-api";
import { dataCategories, type DataElement } from "@/contracts/trust-api";
import { Button } from "@/components/ui/button";
import { Field, SelectField } from "@/components/ui/field";
import { Modal, ModalActions } from "@/components/ui/modal";
import { Panel } from "@/components/ui/panel";
import { LoadingState } from "@/components/ui/states";
import { useMayCall } from "@/components/viewer";
import { apiFetch } from "@/lib/client/api-fetch";
import { useApiAction } from "@/lib/client/use-api-action";
import { formatDate } from "@/lib/format";
import { seg } from "@/lib/with-query";
import { ElementCard } from "./trust-parts";
import { trustKeys, useTrustFacts } from "./trust-queries";

const blank: DataElement = { element: "", category: "Other", purpose: "", retention: "", recipients: "No one." };

export function InventorySection({ component }: { component: ComponentDto }) {
  const facts = useTrustFacts();
  const canEdit = useMayCall("POST /v1/components/:id/inventory");
  const [editing, setEditing] = useState(false);
  const inventory = facts.data?.components.find((c) => c.key === component.key);
  const [current, ...older] = inventory?.versions ?? [];
  return (
    <Panel title="Data inventory">
      <div className="mt-1 space-y-3">
        <div className="flex flex-wrap items-start justify-between gap-2">
          <p className="text-sm text-slate-700">
            The data {component.name} holds, why, for how long and who else receives it, as the public <a className="text-indigo-800 underline" href="/trust#inventory">trust page</a> shows it.
            {current ? ` Version ${current.version}, published ${formatDate(current.publishedAt)}.` : ""}
          </p>
          {canEdit && facts.data ? (
            <Button type="button" onClick={() => setEditing(true)}>
              {current ? "Edit inventory" : "Declare inventory"}
            </Button>
          ) : null}
        </div>
        {facts.isPending ? <LoadingState label="Loading the data inventory…" /> : null}
        {facts.isError ? <p role="alert" className="text-sm text-red-800">The data inventory could not be loaded.</p> : null}
        {facts.data && !current ? <p className="text-sm">{component.name} has not declared its data yet; the trust page says so until it does.</p> : null}
        {current ? (
          <ul className="grid gap-2 md:grid-cols-2" aria-label={`Data elements of ${component.name}, version ${current.version}`}>
            {current.elements.map((e) => (
              <ElementCard key={e.element} item={e} headingLevel={3} />
            ))}
          </ul>
        ) : null}
        {older.length > 0 ? (
          <details className="text-sm">
            <summary className="cursor-pointer font-medium text-indigo-800">Earlier versions ({older.length})</summary>
            <ol className="mt-2 space-y-1">
              {older.map((v) => (
                <li key={v.version}>
                  Version {v.version}, {formatDate(v.publishedAt)}{v.note ? ` — ${v.note}` : ""}: {v.elements.map((e) => e.element).join("; ") || "no elements"}
                </li>
              ))}
            </ol>
          </details>
        ) : null}
      </div>
      <Modal open={editing} onClose={() => setEditing(false)} title={`Data inventory of ${component.name}`} size="lg">
        {editing ? <InventoryForm component={component} start={current?.elements ?? []} nextVersion={(current?.version ?? 0) + 1} onDone={() => setEditing(false)} /> : null}
      </Modal>
    </Panel>
  );
}

function InventoryForm({ component, start, nextVersion, onDone }: { component: ComponentDto; start: DataElement[]; nextVersion: number; onDone: () => void }) {
  const [rows, setRows] = useState<DataElement[]>(start);
  const [note, setNote] = useState("");
  const publish = useApiAction({
    run: () => apiFetch(`/api/components/${seg(component.id)}/inventory`, { method: "POST", body: { elements: rows, note } }),
    success: `Version ${nextVersion} of ${component.name}'s data inventory published.`,
    failure: "The data inventory was not published.",
    invalidate: [trustKeys.facts],
    onSuccess: onDone,
  });
  const set = (i: number, patch: Partial<DataElement>) => setRows((r) => r.map((row, j) => (j === i ? { ...row, ...patch } : row)));
  const err = (i: number, field: keyof DataElement) => publish.fieldErrors[`elements.${i}.${field}`];
  const fields: [keyof DataElement, string, string][] = [
    ["element", "Data element", "In plain words, e.g. Student names."],
    ["purpose", "Why it is held", ""],
    ["retention", "How long it is kept", ""],
    ["recipients", "Who else receives it", "“No one.” or the parties."],
  ];
  return (
    <form
      noValidate
      className="space-y-4"
      onSubmit={(e) => {
        e.preventDefault();
        publish.mutate();
      }}
    >
      {publish.fieldErrors.elements ? <p role="alert" className="text-sm font-medium text-red-700">{publish.fieldErrors.elements.join(" ")}</p> : null}
      {rows.length === 0 ? <p className="text-sm">No data elements: publishing says {component.name} holds no data of its users.</p> : null}
      <ol className="space-y-4">
        {rows.map((row, i) => (
          <li key={i} className="space-y-2 rounded-md border border-slate-200 p-3">
            <fieldset className="space-y-2">
              <legend className="font-medium">Element {i + 1}</legend>
              {fields.slice(0, 1).map(([field, label, hint]) => (
                <Field key={field} id={`inv-${i}-${field}`} name={`${field}-${i}`} label={label} hint={hint || undefined} value={row[field]} errors={err(i, field)} onChange={(e) => set(i, { [field]: e.target.value })} />
              ))}
              <SelectField id={`inv-${i}-category`} name={`category-${i}`} label="Category" value={row.category} errors={err(i, "category")} options={dataCategories.map((c) => ({ value: c, label: c }))} onChange={(e) => set(i, { category: e.target.value as DataElement["category"] })} />
              {fields.slice(1).map(([field, label, hint]) => (
                <Field key={field} id={`inv-${i}-${field}`} name={`${field}-${i}`} label={label} hint={hint || undefined} value={row[field]} errors={err(i, field)} onChange={(e) => set(i, { [field]: e.target.value })} />
              ))}
              <Button type="button" variant="secondary" size="sm" onClick={() => setRows((r) => r.filter((_, j) => j !== i))} aria-label={`Remove element ${i + 1}`}>
                Remove
              </Button>
            </fieldset>
          </li>
        ))}
      </ol>
      <Button type="button" variant="secondary" onClick={() => setRows((r) => [...r, blank])}>
        Add element
      </Button>
      <Field id="inv-note" name="note" label="What changed (optional)" value={note} errors={publish.fieldErrors.note} onChange={(e) => setNote(e.target.value)} maxLength={300} />
      <ModalActions>
        <Button type="button" variant="secondary" onClick={onDone} disabled={publish.isPending}>
          Cancel
        </Button>
        <Button type="submit" disabled={publish.isPending}>
          {publish.isPending ? "Publishing…" : `Publish version ${nextVersion}`}
        </Button>
      </ModalActions>
    </form>
  );
}
