"use client";
// Move a license to another tier; shows the scopes it would lose (they end at once) and gain.
import { useState } from "react";
import type { LicenseDetail } from "@/contracts/license-api";
import { DialogForm } from "@/components/ui/dialog-form";
import { SelectField } from "@/components/ui/field";
import { Modal } from "@/components/ui/modal";
import { useTiers } from "@/components/catalogue/catalogue-queries";
import { useApiAction } from "@/lib/client/use-api-action";
import { licenseAction, licenseKeys } from "./license-queries";

export function ChangeTierDialog({ open, onClose, license }: { open: boolean; onClose: () => void; license: LicenseDetail }) {
  return (
    <Modal open={open} onClose={onClose} title="Change tier" description={`Currently on ${license.tier.name}.`}>
      <ChangeTierForm license={license} onClose={onClose} />
    </Modal>
  );
}

function ChangeTierForm({ license, onClose }: { license: LicenseDetail; onClose: () => void }) {
  const tiers = useTiers();
  const [tierId, setTierId] = useState("");
  const change = useApiAction({
    run: () => licenseAction(license.id, "change-tier", { tierId }),
    success: (l) => `License moved to ${l.tier.name}.`,
    failure: "The tier was not changed.",
    invalidate: [licenseKeys.all],
    onSuccess: onClose,
  });
  const others = (tiers.data ?? []).filter((t) => t.id !== license.tier.id);
  const target = others.find((t) => t.id === tierId);
  // A license carries its tier's scopes for its own component.
  const prefix = `${license.component.key}:`;
  const nextScopes = target ? target.scopes.filter((s) => s.startsWith(prefix)) : [];
  const lost = target ? license.scopes.filter((s) => !nextScopes.includes(s)) : [];
  const gained = nextScopes.filter((s) => !license.scopes.includes(s));

  return (
    <DialogForm
      onSubmit={() => {
        if (tierId) change.mutate();
      }}
      onCancel={onClose}
      pending={change.isPending}
      submitDisabled={!tierId}
      submitVariant={lost.length ? "danger" : "primary"}
      submitLabel="Change tier"
      pendingLabel="Changing…"
    >
      <SelectField
        name="tierId"
        label="New tier"
        value={tierId}
        onChange={(e) => setTierId(e.target.value)}
        errors={change.fieldErrors.tierId}
        options={[{ value: "", label: "Choose a tier…" }, ...others.map((t) => ({ value: t.id, label: t.name }))]}
      />
      {target ? (
        <div className="mt-4 space-y-3 text-sm" aria-live="polite">
          <ScopeList title="Scopes this license loses at once" scopes={lost} tone="lost" none="None: it keeps every scope it has." />
          <ScopeList title="Scopes it gains" scopes={gained} tone="gained" none="None." />
          {license.seats > target.seats ? (
            <p className="font-medium text-amber-900">Seats are cut from {license.seats} to the tier&apos;s {target.seats}.</p>
          ) : null}
        </div>
      ) : null}
    </DialogForm>
  );
}

export function ScopeList({ title, scopes, tone, none }: { title: string; scopes: string[]; tone: "lost" | "gained"; none: string }) {
  const look = tone === "lost" ? "bg-red-50 text-red-900 ring-red-200" : "bg-emerald-50 text-emerald-900 ring-emerald-200";
  return (
    <div>
      <p className="font-semibold">{title}</p>
      {scopes.length ? (
        <ul className="mt-1 flex flex-wrap gap-2" aria-label={title}>
          {scopes.map((s) => (
            <li key={s} className={`rounded px-2 py-0.5 font-mono text-xs ring-1 ring-inset ${look}`}>
              {tone === "lost" ? "− " : "+ "}
              {s}
            </li>
          ))}
        </ul>
      ) : (
        <p className="text-slate-700">{none}</p>
      )}
    </div>
  );
}
