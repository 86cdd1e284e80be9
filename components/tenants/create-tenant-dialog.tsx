"use client";
// "New tenant" and "Edit tenant": a company or a school district; the district fields appear only for
// districts. The slug is set once, at creation.
import { useState } from "react";
import { useRouter } from "next/navigation";
import { tenantKinds, usStates, type TenantDto, type TenantKind } from "@/contracts/tenant-api";
import { DialogForm, formText } from "@/components/ui/dialog-form";
import { Field, SelectField } from "@/components/ui/field";
import { ModalButton } from "@/components/ui/modal-button";
import { apiFetch } from "@/lib/client/api-fetch";
import { useApiAction } from "@/lib/client/use-api-action";
import { tenantKeys } from "./tenant-queries";
import { kindLabels } from "./tenants-table";

export function CreateTenantButton() {
  return (
    <ModalButton label="New tenant" title="New tenant" description="A customer organisation: a company or a school district.">
      {(close) => <CreateTenantForm onDone={close} />}
    </ModalButton>
  );
}

export function EditTenantButton({ tenant }: { tenant: TenantDto }) {
  return (
    <ModalButton label="Edit tenant" title={`Edit ${tenant.name}`} description="Name, kind and the district's records.">
      {(close) => <TenantForm tenant={tenant} onDone={close} />}
    </ModalButton>
  );
}

function CreateTenantForm({ onDone }: { onDone: () => void }) {
  return <TenantForm onDone={onDone} />;
}

/** Creates a tenant, or edits `tenant` when given. */
function TenantForm({ tenant, onDone }: { tenant?: TenantDto; onDone: () => void }) {
  const router = useRouter();
  const [kind, setKind] = useState<TenantKind>(tenant?.kind ?? "company");
  const save = useApiAction({
    run: (body: unknown) =>
      apiFetch<{ tenant: TenantDto }>(tenant ? `/api/tenants/${tenant.id}` : "/api/tenants", { method: tenant ? "PATCH" : "POST", body }).then((r) => r.tenant),
    success: (t) => (tenant ? `Tenant ${t.name} saved.` : `Tenant ${t.name} created.`),
    failure: tenant ? "The tenant was not saved." : "The tenant was not created.",
    invalidate: [tenantKeys.all],
    onSuccess: (t) => {
      onDone();
      if (!tenant) router.push(`/tenants/${t.id}`);
    },
  });
  const fe = save.fieldErrors;
  return (
    <DialogForm
      className="space-y-4"
      onSubmit={(data) => {
        const text = (k: string) => formText(data, k);
        // A company holds none of the district fields: switching to company clears them.
        const district =
          kind === "district"
            ? { districtState: text("districtState"), dataAgreement: text("dataAgreement"), dataAgreementSignedAt: text("dataAgreementSignedAt") }
            : tenant?.kind === "district"
              ? { districtState: null, dataAgreement: null, dataAgreementSignedAt: null }
              : {};
        save.mutate({ name: text("name"), ...(tenant ? {} : { slug: text("slug") }), kind, ...district });
      }}
      onCancel={onDone}
      pending={save.isPending}
      submitLabel={tenant ? "Save tenant" : "Create tenant"}
      pendingLabel={tenant ? "Saving…" : "Creating…"}
    >
      <Field name="name" label="Name" required maxLength={120} errors={fe.name} defaultValue={tenant?.name} />
      {tenant ? null : (
        <Field name="slug" label="Slug" required maxLength={63} errors={fe.slug} hint="Lowercase letters, digits and dashes; used in addresses and never changes." />
      )}
      <SelectField
        name="kind"
        label="Kind"
        value={kind}
        onChange={(e) => setKind(e.target.value as TenantKind)}
        errors={fe.kind}
        options={tenantKinds.map((k) => ({ value: k, label: kindLabels[k] }))}
      />
      {kind === "district" ? (
        <fieldset className="space-y-4 rounded-md border border-slate-300 p-3">
          <legend className="px-1 text-sm font-semibold">School district</legend>
          <SelectField
            name="districtState"
            label="State"
            defaultValue={tenant?.districtState ?? ""}
            errors={fe.districtState}
            options={[{ value: "", label: "Choose a state…" }, ...usStates.map((s) => ({ value: s, label: s }))]}
          />
          <Field
            name="dataAgreement"
            label="Student-data agreement"
            maxLength={200}
            errors={fe.dataAgreement}
            defaultValue={tenant?.dataAgreement ?? ""}
            hint="Name or reference of the signed agreement, if there is one yet."
          />
          <Field name="dataAgreementSignedAt" label="Agreement signed on" type="date" errors={fe.dataAgreementSignedAt} defaultValue={tenant?.dataAgreementSignedAt ?? ""} />
        </fieldset>
      ) : null}
    </DialogForm>
  );
}
