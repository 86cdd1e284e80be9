"use client";
// The platform admin's incident actions: open an incident, edit its facts, close or reopen it, and mark a
// district as concerned. Each is a dialog whose field messages come from the access service.
import { useState } from "react";
import { useRouter } from "next/navigation";
import type { IncidentDto } from "@/contracts/incident-api";
import { complianceKeys, useComplianceDistricts } from "@/components/compliance/compliance-queries";
import { Button } from "@/components/ui/button";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { DialogForm, formText } from "@/components/ui/dialog-form";
import { Field, SelectField } from "@/components/ui/field";
import { ModalButton } from "@/components/ui/modal-button";
import { apiFetch } from "@/lib/client/api-fetch";
import { useApiAction } from "@/lib/client/use-api-action";
import { seg } from "@/lib/with-query";
import { DateTimeField, fromLocalInput, TextAreaField, toLocalInput } from "./form-fields";

type Saved = { incident: IncidentDto };

export function OpenIncidentButton() {
  return (
    <ModalButton label="Open incident" title="Open an incident" size="lg" description="Record what happened. Mark the districts it concerns next; each district's clock runs from the determination.">
      {(close) => <IncidentForm onDone={close} />}
    </ModalButton>
  );
}

export function EditIncidentButton({ incident }: { incident: IncidentDto }) {
  return (
    <ModalButton label="Edit incident" title={`Edit “${incident.title}”`} size="lg" description="Changing the determination moves every district's clock.">
      {(close) => <IncidentForm incident={incident} onDone={close} />}
    </ModalButton>
  );
}

function IncidentForm({ incident, onDone }: { incident?: IncidentDto; onDone: () => void }) {
  const router = useRouter();
  const save = useApiAction({
    run: (body: unknown) => apiFetch<Saved>(incident ? `/api/incidents/${seg(incident.id)}` : "/api/incidents", { method: incident ? "PATCH" : "POST", body }).then((r) => r.incident),
    success: (i) => (incident ? `Incident “${i.title}” saved.` : `Incident “${i.title}” opened.`),
    failure: incident ? "The incident was not saved." : "The incident was not opened.",
    invalidate: [complianceKeys.all],
    onSuccess: (i) => {
      onDone();
      if (!incident) router.push(`/compliance/incidents/${i.id}`);
    },
  });
  const fe = save.fieldErrors;
  return (
    <DialogForm
      className="space-y-4"
      onSubmit={(data) => {
        const text = (k: string) => formText(data, k);
        const determined = text("determinedAt");
        save.mutate({
          title: text("title"),
          summary: text("summary"),
          dataConcerned: text("dataConcerned"),
          discoveredAt: fromLocalInput(text("discoveredAt")),
          determinedAt: determined ? fromLocalInput(determined) : null,
        });
      }}
      onCancel={onDone}
      pending={save.isPending}
      submitLabel={incident ? "Save incident" : "Open incident"}
      pendingLabel={incident ? "Saving…" : "Opening…"}
    >
      <Field name="title" label="Title" required maxLength={200} errors={fe.title} defaultValue={incident?.title} />
      <TextAreaField name="summary" label="What happened" required maxLength={5000} errors={fe.summary} defaultValue={incident?.summary} />
      <TextAreaField name="dataConcerned" label="Data concerned" required maxLength={2000} rows={3} errors={fe.dataConcerned} defaultValue={incident?.dataConcerned} hint="Which student data, of which components." />
      <DateTimeField name="discoveredAt" label="Discovered" required errors={fe.discoveredAt} defaultValue={toLocalInput(incident?.discoveredAt)} />
      <DateTimeField
        name="determinedAt"
        label="Determined to be a breach"
        errors={fe.determinedAt}
        defaultValue={toLocalInput(incident?.determinedAt)}
        hint="Leave empty while it is not determined; the districts' clocks start from this time."
      />
    </DialogForm>
  );
}

export function CloseIncidentButton({ incident }: { incident: IncidentDto }) {
  const [open, setOpen] = useState(false);
  const closing = incident.status === "open";
  const change = useApiAction({
    run: () => apiFetch<Saved>(`/api/incidents/${seg(incident.id)}`, { method: "PATCH", body: { status: closing ? "closed" : "open" } }),
    success: closing ? "Incident closed." : "Incident reopened.",
    failure: closing ? "The incident was not closed." : "The incident was not reopened.",
    invalidate: [complianceKeys.all],
    onSuccess: () => setOpen(false),
  });
  return (
    <>
      <Button type="button" variant="secondary" onClick={() => setOpen(true)}>
        {closing ? "Close incident" : "Reopen incident"}
      </Button>
      <ConfirmDialog
        open={open}
        onClose={() => setOpen(false)}
        onConfirm={() => change.mutate()}
        pending={change.isPending}
        tone={closing ? "danger" : "neutral"}
        title={closing ? "Close this incident?" : "Reopen this incident?"}
        description={
          closing
            ? "A closed incident leaves the districts' overviews and takes no new district. Its notices and their deliveries stay on record; you can reopen it."
            : "It shows again on the overviews of the districts it concerns."
        }
        confirmLabel={closing ? "Close incident" : "Reopen incident"}
      />
    </>
  );
}

export function MarkDistrictButton({ incident }: { incident: IncidentDto }) {
  return (
    <ModalButton label="Mark a district" title="Mark a district as concerned" description="Its notice period is fixed now, from its agreement and its state, and its notice drafted from the incident.">
      {(close) => <MarkDistrictForm incident={incident} onDone={close} />}
    </ModalButton>
  );
}

function MarkDistrictForm({ incident, onDone }: { incident: IncidentDto; onDone: () => void }) {
  const [search, setSearch] = useState("");
  const districts = useComplianceDistricts({ search: search || undefined, limit: 100 });
  const marked = new Set(incident.districts.map((d) => d.tenantId));
  const choices = (districts.data?.districts ?? []).filter((d) => !marked.has(d.id));
  const mark = useApiAction({
    run: (tenantId: string) => apiFetch<Saved>(`/api/incidents/${seg(incident.id)}/districts`, { method: "POST", body: { tenantId } }),
    success: "District marked; its notice is drafted.",
    failure: "The district was not marked.",
    invalidate: [complianceKeys.all],
    onSuccess: onDone,
  });
  return (
    <DialogForm className="space-y-4" onSubmit={(data) => mark.mutate(formText(data, "tenantId"))} onCancel={onDone} pending={mark.isPending} submitLabel="Mark district" pendingLabel="Marking…" submitDisabled={!choices.length}>
      <Field name="districtSearch" label="Find a district" type="search" value={search} onChange={(e) => setSearch(e.target.value)} hint="By name or slug; up to 100 shown." />
      {choices.length ? (
        <SelectField name="tenantId" label="District" errors={mark.fieldErrors.tenantId} options={choices.map((d) => ({ value: d.id, label: `${d.name}${d.state ? ` (${d.state})` : ""}` }))} />
      ) : (
        <p className="text-sm text-slate-700">{districts.isFetching ? "Loading districts…" : "No district left to mark that matches."}</p>
      )}
    </DialogForm>
  );
}
