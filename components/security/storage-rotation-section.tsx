"use client";
// Storage key rotation from the Security page (platform administrators): start one (typing the confirmation
// word), follow its progress while it runs (polled from the job row, so a restarted access service shows where
// it resumed), and see past rotations. The rewrap itself runs in the access service, not in the browser.
import { useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { rotationConfirmWord, type RewrapJobDto, type RotationsResponse } from "@/contracts/storage-rotation-api";
import { Button } from "@/components/ui/button";
import { ConfirmActionDialog } from "@/components/ui/confirm-action-dialog";
import { apiFetch } from "@/lib/client/api-fetch";
import { RewrapProgress } from "./rewrap-progress";
import { RotationHistory } from "./rotation-history";

const rotationKeys = { all: ["security", "rotations"] as const };
const pollMs = 1_000;

export function StorageRotationSection() {
  const [confirming, setConfirming] = useState(false);
  const rotations = useQuery({
    queryKey: rotationKeys.all,
    queryFn: ({ signal }) => apiFetch<RotationsResponse>("/api/security/storage-rotations", { signal }),
    // Poll only while a job runs; the last poll shows how it ended.
    refetchInterval: (query) => (query.state.data?.jobs.some((j) => j.state === "running") ? pollMs : false),
  });
  const data = rotations.data;
  const running = data?.jobs.find((j) => j.state === "running");
  const latest = running ?? data?.jobs[0];
  return (
    <section aria-labelledby="storage-key-rotation" className="rounded-lg border border-slate-200 bg-white p-4">
      <h2 id="storage-key-rotation" className="text-lg font-semibold">
        Storage key rotation
      </h2>
      <p className="mt-1 text-sm text-slate-700">
        Adds a storage key version and a new data key for every tenant, reseals every license key under them in the background (resumed after a restart), then
        refuses the older versions once nothing remains under them.
        {data ? (
          <>
            {" "}
            Current version <span className="font-mono">k{data.keyring.currentVersion}</span>, minimum decryption version <span className="font-mono">k{data.keyring.minDecryptionVersion}</span>.
          </>
        ) : null}
      </p>
      {data && !data.keyring.rotatable ? (
        <p className="mt-2 text-sm text-slate-700">The keyring is given in ACCESS_KEYRING: rotate it there and run tessera keys reencrypt.</p>
      ) : null}
      <div className="mt-3">
        <Button type="button" variant="danger" disabled={!data || !!running || !data.keyring.rotatable} onClick={() => setConfirming(true)}>
          Rotate storage keys
        </Button>
      </div>
      {latest ? (
        <div className="mt-4">
          <RewrapProgress job={latest} />
        </div>
      ) : null}
      <div className="mt-4">
        <RotationHistory jobs={data?.jobs} query={{ isFetching: rotations.isLoading, error: rotations.error, refetch: rotations.refetch }} />
      </div>
      <ConfirmActionDialog
        open={confirming}
        onClose={() => setConfirming(false)}
        run={() => apiFetch<RewrapJobDto>("/api/security/storage-rotations", { method: "POST", body: { confirm: rotationConfirmWord } })}
        success="Rotation started: it runs in the access service; follow it here."
        failure="The rotation was not started."
        invalidate={[rotationKeys.all, ["security", "inventory"]]}
        title="Rotate the storage keys?"
        description="A new keyring version and a new data key per tenant are made, and every license key is resealed under them. When none remains under the old versions, they are refused on decryption. License validation is not interrupted."
        confirmLabel="Start rotation"
        typedConfirmation={rotationConfirmWord}
      />
    </section>
  );
}
