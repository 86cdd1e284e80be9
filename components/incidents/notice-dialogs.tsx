"use client";
// A district's notice: edit it under its headings, record its delivery (after which it no longer changes,
// asked for confirmation), and download it as the PDF the access service renders.
import { useMutation } from "@tanstack/react-query";
import { deliveryMethodLabels, deliveryMethods, noticeHeadings, type IncidentDistrictDto, type IncidentDto, type NoticeSections } from "@/contracts/incident-api";
import { complianceKeys } from "@/components/compliance/compliance-queries";
import { Button } from "@/components/ui/button";
import { DialogForm, formText } from "@/components/ui/dialog-form";
import { Field, SelectField } from "@/components/ui/field";
import { ModalButton } from "@/components/ui/modal-button";
import { useToast } from "@/components/ui/toast";
import { apiFetch, isApiError } from "@/lib/client/api-fetch";
import { useApiAction } from "@/lib/client/use-api-action";
import { seg } from "@/lib/with-query";
import { DateTimeField, fromLocalInput, TextAreaField, toLocalInput } from "./form-fields";

const base = (incident: IncidentDto, district: IncidentDistrictDto) => `/api/incidents/${seg(incident.id)}/districts/${seg(district.tenantId)}`;

export function EditNoticeButton({ incident, district }: { incident: IncidentDto; district: IncidentDistrictDto }) {
  return (
    <ModalButton label="Edit notice" title={`Notice to ${district.tenantName}`} size="lg" description="Under the usual headings of a breach notice. It can be edited until its delivery is recorded.">
      {(close) => <NoticeForm incident={incident} district={district} onDone={close} />}
    </ModalButton>
  );
}

function NoticeForm({ incident, district, onDone }: { incident: IncidentDto; district: IncidentDistrictDto; onDone: () => void }) {
  const save = useApiAction({
    run: (notice: NoticeSections) => apiFetch(`${base(incident, district)}/notice`, { method: "PUT", body: { notice } }),
    success: "Notice saved.",
    failure: "The notice was not saved.",
    invalidate: [complianceKeys.all],
    onSuccess: onDone,
  });
  const fe = save.fieldErrors;
  return (
    <DialogForm
      className="space-y-4"
      onSubmit={(data) => save.mutate(Object.fromEntries(noticeHeadings.map(([key]) => [key, formText(data, key)])) as NoticeSections)}
      onCancel={onDone}
      pending={save.isPending}
      submitLabel="Save notice"
      pendingLabel="Saving…"
    >
      {noticeHeadings.map(([key, heading]) => (
        <TextAreaField key={key} name={key} id={`notice-${key}`} label={heading} required maxLength={5000} rows={key === "contact" ? 2 : 4} errors={fe[`notice.${key}`] ?? fe[key]} defaultValue={district.notice?.[key]} />
      ))}
    </DialogForm>
  );
}

export function RecordDeliveryButton({ incident, district }: { incident: IncidentDto; district: IncidentDistrictDto }) {
  return (
    <ModalButton label="Record delivery" title={`Delivery of the notice to ${district.tenantName}`} description="When, how and to whom it was delivered. Once recorded, the notice is what the district received: it no longer changes, and the district sees it.">
      {(close) => <DeliveryForm incident={incident} district={district} onDone={close} />}
    </ModalButton>
  );
}

function DeliveryForm({ incident, district, onDone }: { incident: IncidentDto; district: IncidentDistrictDto; onDone: () => void }) {
  const save = useApiAction({
    run: (body: unknown) => apiFetch(`${base(incident, district)}/delivery`, { method: "POST", body }),
    success: "Delivery recorded.",
    failure: "The delivery was not recorded.",
    invalidate: [complianceKeys.all],
    onSuccess: onDone,
  });
  const fe = save.fieldErrors;
  return (
    <DialogForm
      className="space-y-4"
      onSubmit={(data) => save.mutate({ deliveredAt: fromLocalInput(formText(data, "deliveredAt")), method: formText(data, "method"), to: formText(data, "to") })}
      onCancel={onDone}
      pending={save.isPending}
      submitLabel="Record delivery"
      pendingLabel="Recording…"
    >
      <DateTimeField name="deliveredAt" label="Delivered" required errors={fe.deliveredAt} defaultValue={toLocalInput(new Date().toISOString())} />
      <SelectField name="method" label="How" errors={fe.method} options={deliveryMethods.map((m) => ({ value: m, label: deliveryMethodLabels[m] }))} />
      <Field name="to" label="To whom" required maxLength={300} errors={fe.to} hint="The person and address, e.g. the district's privacy officer, privacy@district.example." />
    </DialogForm>
  );
}

export function DownloadNoticePdf({ incident, district }: { incident: IncidentDto; district: IncidentDistrictDto }) {
  const toast = useToast();
  const download = useMutation({
    mutationFn: async () => {
      const res = await fetch(`${base(incident, district)}/notice-pdf`, { headers: { accept: "application/pdf" } });
      if (!res.ok) {
        const problem = (await res.json().catch(() => null)) as { detail?: string } | null;
        throw new Error(problem?.detail ?? "The notice could not be rendered.");
      }
      const name = /filename="([^"]+)"/.exec(res.headers.get("content-disposition") ?? "")?.[1] ?? "breach-notice.pdf";
      return { blob: await res.blob(), name };
    },
    onSuccess: ({ blob, name }) => {
      const url = URL.createObjectURL(blob);
      const a = document.createElement("a");
      a.href = url;
      a.download = name;
      document.body.append(a);
      a.click();
      a.remove();
      setTimeout(() => URL.revokeObjectURL(url), 1000);
    },
    onError: (error) => toast.error("No PDF was made.", isApiError(error) || error instanceof Error ? error.message : undefined),
  });
  return (
    <Button type="button" variant="secondary" onClick={() => download.mutate()} disabled={download.isPending}>
      {download.isPending ? "Preparing…" : district.delivery ? "Download notice (PDF)" : "Download draft (PDF)"}
    </Button>
  );
}
