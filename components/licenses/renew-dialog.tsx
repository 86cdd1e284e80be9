"use client";
// Renew or extend a license: choose the new end date (later than the current end, in the future).
import { useState } from "react";
import type { LicenseDetail } from "@/contracts/license-api";
import { DialogForm } from "@/components/ui/dialog-form";
import { Field } from "@/components/ui/field";
import { Modal } from "@/components/ui/modal";
import { useApiAction } from "@/lib/client/use-api-action";
import { formatDate, fromDateInput, toDateInput } from "@/lib/format";
import { licenseAction, licenseKeys } from "./license-queries";

export function RenewDialog({ open, onClose, license }: { open: boolean; onClose: () => void; license: LicenseDetail }) {
  return (
    <Modal open={open} onClose={onClose} title="Renew or extend" description={`The license currently ends on ${formatDate(license.endsAt)}.`}>
      <RenewForm license={license} onClose={onClose} />
    </Modal>
  );
}

function RenewForm({ license, onClose }: { license: LicenseDetail; onClose: () => void }) {
  const base = Math.max(Date.parse(license.endsAt), Date.now());
  const [endsOn, setEndsOn] = useState(toDateInput(new Date(base + 365 * 86_400_000).toISOString()));
  const renew = useApiAction({
    run: () => licenseAction(license.id, "renew", { endsAt: fromDateInput(endsOn) }),
    success: (l) => `License now ends on ${formatDate(l.endsAt)}.`,
    failure: "The license was not renewed.",
    invalidate: [licenseKeys.all],
    onSuccess: onClose,
  });
  return (
    <DialogForm onSubmit={() => renew.mutate()} onCancel={onClose} pending={renew.isPending} submitDisabled={!endsOn} submitLabel="Renew license" pendingLabel="Saving…">
      <Field name="endsAt" label="New end date" type="date" value={endsOn} onChange={(e) => setEndsOn(e.target.value)} errors={renew.fieldErrors.endsAt} required />
    </DialogForm>
  );
}
