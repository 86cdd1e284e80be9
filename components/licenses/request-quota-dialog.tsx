"use client";
// A license's own request-rate quota: requests a minute over validations, introspections and token
// requests, or empty for its tier's. Saved with PUT /api/licenses/:id/request-quota.
import { useState } from "react";
import type { LicenseDetail } from "@/contracts/license-api";
import { DialogForm } from "@/components/ui/dialog-form";
import { Field } from "@/components/ui/field";
import { Modal } from "@/components/ui/modal";
import { apiFetch } from "@/lib/client/api-fetch";
import { useApiAction } from "@/lib/client/use-api-action";
import { seg } from "@/lib/with-query";
import { licenseKeys } from "./license-queries";

export const requestQuotaInWords = (l: Pick<LicenseDetail, "requestsPerMinute" | "tier">) =>
  l.requestsPerMinute === null
    ? `${l.tier.requestsPerMinute.toLocaleString("en-US")} a minute (the tier's)`
    : `${l.requestsPerMinute.toLocaleString("en-US")} a minute (this license's own; the tier's is ${l.tier.requestsPerMinute.toLocaleString("en-US")})`;

export function RequestQuotaDialog({ open, onClose, license }: { open: boolean; onClose: () => void; license: LicenseDetail }) {
  return (
    <Modal open={open} onClose={onClose} title="Request quota" description={`Now ${requestQuotaInWords(license)}.`}>
      <RequestQuotaForm license={license} onClose={onClose} />
    </Modal>
  );
}

function RequestQuotaForm({ license, onClose }: { license: LicenseDetail; onClose: () => void }) {
  const [value, setValue] = useState(license.requestsPerMinute === null ? "" : String(license.requestsPerMinute));
  const trimmed = value.trim();
  const save = useApiAction({
    run: () =>
      apiFetch<{ license: LicenseDetail }>(`/api/licenses/${seg(license.id)}/request-quota`, {
        method: "PUT",
        // A value that is not a number goes as it is, so the service's field message explains it.
        body: { requestsPerMinute: trimmed === "" ? null : /^\d+$/.test(trimmed) ? Number(trimmed) : trimmed },
      }).then((r) => r.license),
    success: (l) => `Request quota: ${requestQuotaInWords(l)}.`,
    failure: "The request quota was not changed.",
    invalidate: [licenseKeys.all],
    onSuccess: onClose,
  });
  return (
    <DialogForm onSubmit={() => save.mutate()} onCancel={onClose} pending={save.isPending} submitLabel="Save quota" pendingLabel="Saving…">
      <Field
        name="requestsPerMinute"
        label="Requests per minute"
        inputMode="numeric"
        value={value}
        onChange={(e) => setValue(e.target.value)}
        errors={save.fieldErrors.requestsPerMinute}
        hint={`Validations, introspections and token requests together; components asking more often are answered 429 until the minute ends. Leave empty for the tier's ${license.tier.requestsPerMinute.toLocaleString("en-US")}.`}
      />
    </DialogForm>
  );
}
