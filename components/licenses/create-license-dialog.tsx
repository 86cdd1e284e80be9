"use client";
// "New license": tenant × application × holder × tier, seats and term; field messages come from the server.
import { useState } from "react";
import { useRouter } from "next/navigation";
import { licenseHolderKindLabels, licenseHolderKinds, type LicenseDetail, type LicenseHolderKind } from "@/contracts/license-api";
import { DialogForm } from "@/components/ui/dialog-form";
import { Field, SelectField } from "@/components/ui/field";
import { ModalButton } from "@/components/ui/modal-button";
import { useComponents, useTiers } from "@/components/catalogue/catalogue-queries";
import { useTenantList } from "@/components/tenants/tenant-queries";
import { apiFetch } from "@/lib/client/api-fetch";
import { useApiAction } from "@/lib/client/use-api-action";
import { fromDateInput } from "@/lib/format";
import { licenseKeys } from "./license-queries";

type Draft = { tenantId: string; componentId: string; holderKind: LicenseHolderKind; holderName: string; tierId: string; seats: string; startsOn: string; endsOn: string };

const holderKindOptions = licenseHolderKinds.map((k) => ({ value: k, label: licenseHolderKindLabels[k] }));

function today(offsetDays = 0): string {
  return new Date(Date.now() + offsetDays * 86_400_000).toISOString().slice(0, 10);
}

export function CreateLicenseButton() {
  return (
    <ModalButton label="New license" title="New license" description="Give a tenant's person, team, site or machine group access to one application on a service tier.">
      {(close) => <CreateLicenseForm onDone={close} />}
    </ModalButton>
  );
}

function CreateLicenseForm({ onDone }: { onDone: () => void }) {
  const router = useRouter();
  const tenants = useTenantList({ limit: 100 });
  const components = useComponents();
  const tiers = useTiers();
  const [draft, setDraft] = useState<Draft>({ tenantId: "", componentId: "", holderKind: "person", holderName: "", tierId: "", seats: "", startsOn: today(), endsOn: today(365) });
  const set = (key: keyof Draft) => (e: React.ChangeEvent<HTMLInputElement | HTMLSelectElement>) => setDraft((d) => ({ ...d, [key]: e.target.value }));

  const create = useApiAction({
    run: (body: unknown) => apiFetch<{ license: LicenseDetail }>("/api/licenses", { method: "POST", body }).then((r) => r.license),
    success: (l) => `License ${l.id} created.`,
    failure: "The license was not created.",
    invalidate: [licenseKeys.all],
    onSuccess: (l) => {
      onDone();
      router.push(`/licenses/${l.id}`);
    },
  });
  const fe = create.fieldErrors;
  const choose = (label: string) => [{ value: "", label: `Choose ${label}…` }];
  const selectedTier = tiers.data?.find((t) => t.id === draft.tierId);
  const selectedTenant = tenants.data?.tenants.find((t) => t.id === draft.tenantId);
  const wholeTenant = selectedTenant ? `the whole tenant (site ${selectedTenant.slug})` : "the whole tenant (a site named by its slug)";

  return (
    <DialogForm
      className="space-y-4"
      onSubmit={() =>
        create.mutate({
          tenantId: draft.tenantId,
          componentId: draft.componentId,
          holder: draft.holderName.trim() ? { kind: draft.holderKind, name: draft.holderName } : undefined,
          tierId: draft.tierId,
          seats: draft.seats ? Number(draft.seats) : undefined,
          startsAt: fromDateInput(draft.startsOn),
          endsAt: fromDateInput(draft.endsOn),
        })
      }
      onCancel={onDone}
      pending={create.isPending}
      submitLabel="Create license"
      pendingLabel="Creating…"
    >
      <SelectField
        name="tenantId"
        label="Tenant"
        value={draft.tenantId}
        onChange={set("tenantId")}
        errors={fe.tenantId}
        hint="Suspended, closing and closed tenants are not listed: they take no new license."
        options={[...choose("a tenant"), ...(tenants.data?.tenants ?? []).filter((t) => t.status === "active").map((t) => ({ value: t.id, label: `${t.name} (${t.slug})` }))]}
      />
      <SelectField
        name="componentId"
        label="Application"
        value={draft.componentId}
        onChange={set("componentId")}
        errors={fe.componentId}
        options={[...choose("an application"), ...(components.data ?? []).filter((c) => !c.retiredAt).map((c) => ({ value: c.id, label: c.name }))]}
      />
      <fieldset className="grid gap-4 sm:grid-cols-2">
        <legend className="mb-1 text-sm font-medium text-slate-900">Holder</legend>
        <SelectField name="holderKind" label="Holder kind" value={draft.holderKind} onChange={set("holderKind")} errors={fe["holder.kind"]} options={holderKindOptions} />
        <Field
          name="holderName"
          label="Holder name"
          value={draft.holderName}
          onChange={set("holderName")}
          errors={fe["holder.name"]}
          maxLength={200}
          hint={`A username, team, site or machine group; one live license per holder and application. Leave empty for ${wholeTenant}.`}
        />
      </fieldset>
      <SelectField
        name="tierId"
        label="Service tier"
        value={draft.tierId}
        onChange={set("tierId")}
        errors={fe.tierId}
        options={[...choose("a tier"), ...(tiers.data ?? []).map((t) => ({ value: t.id, label: t.name }))]}
      />
      <Field
        name="seats"
        label="Seats"
        type="number"
        min={1}
        value={draft.seats}
        onChange={set("seats")}
        errors={fe.seats}
        hint={selectedTier ? `Leave empty for the tier's ${selectedTier.seats.toLocaleString("en-US")} seats; at most that many.` : "Leave empty for the tier's seats."}
      />
      <div className="grid gap-4 sm:grid-cols-2">
        <Field name="startsAt" label="Starts on" type="date" value={draft.startsOn} onChange={set("startsOn")} errors={fe.startsAt} />
        <Field name="endsAt" label="Ends on" type="date" value={draft.endsOn} onChange={set("endsOn")} errors={fe.endsAt} />
      </div>
      {fe._ ? <p className="text-sm font-medium text-red-700">{fe._.join(" ")}</p> : null}
    </DialogForm>
  );
}
