"use client";
// Fetches a signed offline certificate and saves it as <license id>.jws; refusals show as a toast.
import { useMutation } from "@tanstack/react-query";
import type { LicenseCertificateResponse } from "@/contracts/certificate-api";
import { Button } from "@/components/ui/button";
import { useToast } from "@/components/ui/toast";
import { apiFetch, isApiError } from "@/lib/client/api-fetch";
import { formatDate } from "@/lib/format";
import { seg } from "@/lib/with-query";

export function DownloadCertificate({ licenseId }: { licenseId: string }) {
  const toast = useToast();
  const download = useMutation({
    mutationFn: () => apiFetch<LicenseCertificateResponse>(`/api/licenses/${seg(licenseId)}/certificate`),
    onSuccess: (r) => {
      const url = URL.createObjectURL(new Blob([r.certificate], { type: "application/jose" }));
      const a = document.createElement("a");
      a.href = url;
      a.download = `${licenseId}.jws`;
      document.body.append(a);
      a.click();
      a.remove();
      setTimeout(() => URL.revokeObjectURL(url), 1000);
      toast.success("Certificate downloaded.", `It is valid until ${formatDate(r.expiresAt)}.`);
    },
    onError: (error) => toast.error("No certificate was issued.", isApiError(error) ? error.message : undefined),
  });
  return (
    <Button type="button" variant="secondary" onClick={() => download.mutate()} disabled={download.isPending}>
      {download.isPending ? "Preparing…" : "Download certificate"}
    </Button>
  );
}
