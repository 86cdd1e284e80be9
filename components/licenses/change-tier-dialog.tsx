"use client";
// Move a license to another tier. Picking a tier asks the access service what the move would do (a dry
// run of change-tier's own rules): what blocks it keeps the confirm button disabled and says what breaks;
// otherwise it shows the scopes lost at once and gained and the seats lowered.
import { useState } from "react";
import type { LicenseDetail } from "@/contracts/license-api";
import { DialogForm } from "@/components/ui/dialog-form";
import { SelectField } from "@/components/ui/field";
import { Modal } from "@/components/ui/modal";
import { useTiers } from "@/components/catalogue/catalogue-queries";
import { useApiAction } from "@/lib/client/use-api-action";
import { licenseAction, licenseKeys, useTierChangePreview } from "./license-queries";
import { TierChangePreviewView } from "./tier-change-preview";

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
  const preview = useTierChangePreview(license.id, tierId);
  const change = useApiAction({
    run: () => licenseAction(license.id, "change-tier", { tierId }),
    success: (l) => `License moved to ${l.tier.name}.`,
    failure: "The tier was not changed.",
    invalidate: [licenseKeys.all],
    onSuccess: onClose,
  });
  const others = (tiers.data ?? []).filter((t) => t.id !== license.tier.id);
  const allowed = preview.data?.allowed === true && !preview.isFetching;

  return (
    <DialogForm
      onSubmit={() => {
        if (tierId && allowed) change.mutate();
      }}
      onCancel={onClose}
      pending={change.isPending}
      submitDisabled={!allowed}
      submitVariant={preview.data?.scopesLost.length ? "danger" : "primary"}
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
      {tierId ? <TierChangePreviewView preview={preview} componentKey={license.component.key} /> : null}
    </DialogForm>
  );
}
