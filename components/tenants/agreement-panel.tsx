"use client";
// A district tenant's student-data agreement on its page: the facts, and for those who may edit tenants
// a dialog that sets the agreement as a whole (kind, reference, days, adopted Exhibit E offer, own period).
import { useState } from "react";
import { agreementKindLabels, agreementKinds, type AgreementDto, type AgreementKind } from "@/contracts/compliance-api";
import { stateNoticeRules } from "@/contracts/breach-notice";
import { AgreementDetails } from "@/components/compliance/agreement-details";
import { complianceKeys, useAgreement } from "@/components/compliance/compliance-queries";
import { DialogForm, formText } from "@/components/ui/dialog-form";
import { Field, SelectField } from "@/components/ui/field";
import { ModalButton } from "@/components/ui/modal-button";
import { Panel } from "@/components/ui/panel";
import { ErrorState, LoadingState } from "@/components/ui/states";
import { useMayCall } from "@/components/viewer";
import { apiFetch } from "@/lib/client/api-fetch";
import { useApiAction } from "@/lib/client/use-api-action";
import { seg } from "@/lib/with-query";
import { tenantKeys } from "./tenant-queries";

export function AgreementPanel({ tenantId, state }: { tenantId: string; state: string | null }) {
  const agreement = useAgreement(tenantId);
  const canEdit = useMayCall("PUT /v1/tenants/:id/agreement");
  const today = new Date().toISOString().slice(0, 10);
  return (
    <Panel title="Student-data agreement">
      {agreement.error ? <ErrorState error={agreement.error} onRetry={() => void agreement.refetch()} what="load the agreement" /> : null}
      {!agreement.data && !agreement.error ? <LoadingState label="Loading the agreement…" /> : null}
      {agreement.data ? (
        <>
          <AgreementDetails agreement={agreement.data} today={today} />
          {canEdit ? (
            <div className="mt-4">
              <ModalButton label="Edit agreement" title="Student-data agreement" size="lg" description="The agreement the district signed. Its breach-notice period, if it names one, sets the district's clock unless the state's falls earlier.">
                {(close) => <AgreementForm agreement={agreement.data} state={state} onDone={close} />}
              </ModalButton>
            </div>
          ) : null}
        </>
      ) : null}
    </Panel>
  );
}

function AgreementForm({ agreement: a, state, onDone }: { agreement: AgreementDto; state: string | null; onDone: () => void }) {
  const [kind, setKind] = useState<AgreementKind>(a.kind ?? "sdpc_ndpa");
  const save = useApiAction({
    run: (body: unknown) => apiFetch(`/api/tenants/${seg(a.tenantId)}/agreement`, { method: "PUT", body }),
    success: "Agreement saved.",
    failure: "The agreement was not saved.",
    invalidate: [complianceKeys.all, tenantKeys.all],
    onSuccess: onDone,
  });
  const fe = save.fieldErrors;
  const stateRule = state ? stateNoticeRules[state as keyof typeof stateNoticeRules] : undefined;
  return (
    <DialogForm
      className="space-y-4"
      onSubmit={(data) => {
        const text = (k: string) => formText(data, k);
        const hours = text("noticeHours");
        save.mutate({
          kind,
          reference: text("reference"),
          signedOn: text("signedOn"),
          effectiveOn: text("effectiveOn"),
          endsOn: text("endsOn"),
          generalOfferFrom: kind === "sdpc_ndpa" ? text("generalOfferFrom") : null,
          noticeHours: hours === "" ? null : Number(hours),
        });
      }}
      onCancel={onDone}
      pending={save.isPending}
      submitLabel="Save agreement"
      pendingLabel="Saving…"
    >
      <SelectField name="kind" label="Kind" value={kind} onChange={(e) => setKind(e.target.value as AgreementKind)} errors={fe.kind} options={agreementKinds.map((k) => ({ value: k, label: agreementKindLabels[k] }))} />
      <Field name="reference" label="Name or reference" required maxLength={200} errors={fe.reference} defaultValue={a.reference ?? ""} />
      <div className="grid gap-4 sm:grid-cols-3">
        <Field name="signedOn" label="Signed on" type="date" errors={fe.signedOn} defaultValue={a.signedOn ?? ""} />
        <Field name="effectiveOn" label="Takes effect" type="date" errors={fe.effectiveOn} defaultValue={a.effectiveOn ?? ""} />
        <Field name="endsOn" label="Ends" type="date" errors={fe.endsOn} defaultValue={a.endsOn ?? ""} />
      </div>
      {kind === "sdpc_ndpa" ? (
        <Field
          name="generalOfferFrom"
          label="Exhibit E general offer adopted from"
          maxLength={200}
          errors={fe.generalOfferFrom}
          defaultValue={a.generalOfferFrom ?? ""}
          hint="The district whose NDPA general offer this district adopted, and its reference. Leave empty if the district signed its own."
        />
      ) : null}
      <Field
        name="noticeHours"
        label="Breach-notice period in hours"
        type="number"
        min={1}
        step={1}
        errors={fe.noticeHours}
        defaultValue={a.noticeHours === null ? "" : String(a.noticeHours)}
        hint={`As the agreement states it (the NDPA's is 72), counted from the determination. Leave empty if it names none: ${stateRule ? `the state's applies (${stateRule.citation}).` : "the state has no rule in Tessera, so no deadline would run."}`}
      />
    </DialogForm>
  );
}
