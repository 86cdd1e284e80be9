"use client";
// Fetches a signed offline certificate and saves it as <license id>.jws (bound to one activation's
// fingerprint: <license id>.<activation id>.jws); refusals show as a toast.
import { useMutation } from "@tanstack/react-query";
import type { LicenseCertificateResponse } from "@/contracts/certificate-api";
import { Button } from "@/components/ui/button";
import { useToast } from "@/components/ui/toast";
import { apiFetch, isApiError } from "@/lib/client/api-fetch";
import { formatDate, formatDateTime } from "@/lib/format";
import { seg, withQuery } from "@/lib/with-query";

type Binding = { fingerprint: string; activationId: string; label: string };

export function DownloadCertificate({ licenseId, bound }: { licenseId: string; bound?: Binding }) {
  const toast = useToast();
  const download = useMutation({
    mutationFn: () => apiFetch<LicenseCertificateResponse>(withQuery(`/api/licenses/${seg(licenseId)}/certificate`, bound ? { fingerprint: bound.fingerprint } : {})),
    onSuccess: (r) => {
      const url = URL.createObjectURL(new Blob([r.certificate], { type: "application/jose" }));
      const a = document.createElement("a");
      a.href = url;
      a.download = bound ? `${licenseId}.${bound.activationId}.jws` : `${licenseId}.jws`;
      document.body.append(a);
      a.click();
      a.remove();
      setTimeout(() => URL.revokeObjectURL(url), 1000);
      // A bound one lives as long as its seat (minutes to hours): the time matters.
      toast.success("Certificate downloaded.", `It is valid until ${bound ? formatDateTime(r.expiresAt) : formatDate(r.expiresAt)}.`);
    },
    onError: (error) => toast.error("No certificate was issued.", isApiError(error) ? error.message : undefined),
  });
  return (
    <Button type="button" variant="secondary" size={bound ? "sm" : undefined} onClick={() => download.mutate()} disabled={download.isPending} aria-label={bound?.label}>
      {download.isPending ? "Preparing…" : bound ? "Certificate" : "Download certificate"}
    </Button>
  );
}
