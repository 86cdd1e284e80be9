"use client";
// Move a license to another tier; shows the scopes it would lose (they end at once) and gain.
import { useState } from "react";
import type { LicenseDetail } from "@/contracts/license-api";
import { Button } from "@/components/ui/button";
import { SelectField } from "@/components/ui/field";
import { Modal, ModalActions } from "@/components/ui/modal";
import { useTiers } from "@/components/catalogue/catalogue-queries";
import { fieldErrorsOf, useApiAction } from "@/lib/client/use-api-action";
import { licenseAction, licenseKeys } from "./license-queries";

export function ChangeTierDialog({ open, onClose, license }: { open: boolean; onClose: () => void; license: LicenseDetail }) {
  return (
    <Modal open={open} onClose={onClose} title="Change tier" description={`Currently on ${license.tier.name}.`}>
      {open ? <ChangeTierForm license={license} onClose={onClose} /> : null}
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
    <form
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        if (tierId) change.mutate();
      }}
    >
      <SelectField
        name="tierId"
        label="New tier"
        value={tierId}
        onChange={(e) => setTierId(e.target.value)}
        errors={fieldErrorsOf(change.error).tierId}
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
      <ModalActions>
        <Button type="button" variant="secondary" onClick={onClose} disabled={change.isPending}>
          Cancel
        </Button>
        <Button type="submit" variant={lost.length ? "danger" : "primary"} disabled={!tierId || change.isPending}>
          {change.isPending ? "Changing…" : "Change tier"}
        </Button>
      </ModalActions>
    </form>
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
