"use client";
// Renew or extend a license: choose the new end date (later than the current end, in the future).
import { useState } from "react";
import type { LicenseDetail } from "@/contracts/license-api";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { Modal, ModalActions } from "@/components/ui/modal";
import { fieldErrorsOf, useApiAction } from "@/lib/client/use-api-action";
import { formatDate, fromDateInput, toDateInput } from "@/lib/format";
import { licenseAction, licenseKeys } from "./license-queries";

export function RenewDialog({ open, onClose, license }: { open: boolean; onClose: () => void; license: LicenseDetail }) {
  return (
    <Modal open={open} onClose={onClose} title="Renew or extend" description={`The license currently ends on ${formatDate(license.endsAt)}.`}>
      {open ? <RenewForm license={license} onClose={onClose} /> : null}
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
    <form
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        renew.mutate();
      }}
    >
      <Field name="endsAt" label="New end date" type="date" value={endsOn} onChange={(e) => setEndsOn(e.target.value)} errors={fieldErrorsOf(renew.error).endsAt} required />
      <ModalActions>
        <Button type="button" variant="secondary" onClick={onClose} disabled={renew.isPending}>
          Cancel
        </Button>
        <Button type="submit" disabled={renew.isPending || !endsOn}>
          {renew.isPending ? "Saving…" : "Renew license"}
        </Button>
      </ModalActions>
    </form>
  );
}
