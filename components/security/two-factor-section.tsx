"use client";
// "Two-factor authentication" on the Security page: the person's passkeys and authenticator apps (add a
// passkey through the browser, an app with a QR code; remove), how many recovery codes are left, and new codes (which asks for a fresh second factor).
import { useState } from "react";
import { useQuery, useQueryClient } from "@tanstack/react-query";
import type { z } from "zod";
import type { listSecondFactorsResponse, regenerateRecoveryCodesResponse } from "@/contracts/mfa-api";
import { LocalTime } from "@/components/audit/local-time";
import { Button } from "@/components/ui/button";
import { DataTable, type Column } from "@/components/ui/data-table";
import { Modal } from "@/components/ui/modal";
import { Panel } from "@/components/ui/panel";
import { apiFetch } from "@/lib/client/api-fetch";
import { useApiAction } from "@/lib/client/use-api-action";
import { AddAuthenticatorDialog } from "./add-authenticator-dialog";
import { AddPasskeyDialog } from "./add-passkey-dialog";
import { RecoveryCodesList } from "./recovery-codes-list";
import { RemoveAuthenticatorDialog } from "./remove-authenticator-dialog";

type Factors = z.infer<typeof listSecondFactorsResponse>;
type Factor = Factors["factors"][number];
export const factorKeys = { mine: ["second-factors", "mine"] as const };

/** The person's own factors (kinds, labels, dates; never secrets), shared by the Security page and the step that asks for one. */
export function useOwnFactors() {
  return useQuery({ queryKey: factorKeys.mine, queryFn: ({ signal }) => apiFetch<Factors>("/api/me/second-factors", { signal }) });
}

export function TwoFactorSection() {
  const queryClient = useQueryClient();
  const factors = useOwnFactors();
  const refresh = () => queryClient.invalidateQueries({ queryKey: factorKeys.mine });
  const [adding, setAdding] = useState(false);
  const [addingPasskey, setAddingPasskey] = useState(false);
  const [removing, setRemoving] = useState<Factor | null>(null);
  const [newCodes, setNewCodes] = useState<string[] | null>(null);
  const regenerate = useApiAction({
    run: () => apiFetch<z.infer<typeof regenerateRecoveryCodesResponse>>("/api/me/recovery-codes", { method: "POST" }),
    success: "New recovery codes made. The old ones no longer work.",
    failure: "No new recovery codes were made.",
    invalidate: [factorKeys.mine],
    onSuccess: (r) => setNewCodes(r.recoveryCodes),
  });
  const list = factors.data?.factors ?? [];

  const columns: Column<Factor>[] = [
    { key: "label", header: "Authenticator", cell: (f) => <span className="font-medium">{f.label}</span> },
    { key: "kind", header: "Kind", cell: (f) => (f.kind === "passkey" ? "Passkey" : "Authenticator app") },
    { key: "added", header: "Added", cell: (f) => <LocalTime iso={f.createdAt} /> },
    { key: "used", header: "Last used", cell: (f) => (f.lastUsedAt ? <LocalTime iso={f.lastUsedAt} /> : "Never") },
    {
      key: "actions",
      header: "Actions",
      cell: (f) => (
        <Button type="button" variant="secondary" size="sm" onClick={() => setRemoving(f)} aria-label={`Remove the authenticator ${f.label}`}>
          Remove
        </Button>
      ),
    },
  ];

  return (
    <Panel title="Two-factor authentication">
      <div className="mt-2 space-y-4 text-sm text-slate-800">
        <p>
          With a passkey or an authenticator app, signing in asks for it after your password, and revealing a license key, revoking all of a
          license&rsquo;s tokens or exporting disclosures ask for it again. A passkey cannot be phished: it only answers Tessera&rsquo;s own address.
        </p>
        {factors.isError ? <p role="alert">Your authenticators could not be loaded.</p> : null}
        {factors.data && list.length === 0 ? <p data-testid="no-factors">Two-factor authentication is off: you sign in with your password alone.</p> : null}
        {list.length ? <DataTable caption="Your passkeys and authenticator apps" columns={columns} rows={list} rowKey={(f) => f.id} empty={{ title: "No authenticator apps" }} /> : null}
        <div className="flex flex-wrap items-center gap-3">
          <Button type="button" onClick={() => setAddingPasskey(true)}>
            Add a passkey
          </Button>
          <Button type="button" variant="secondary" onClick={() => setAdding(true)}>
            Add an authenticator app
          </Button>
          {list.length ? (
            <>
              <span data-testid="recovery-codes-left">
                {factors.data?.recoveryCodesLeft ?? 0} recovery code{factors.data?.recoveryCodesLeft === 1 ? "" : "s"} left
              </span>
              <Button type="button" variant="secondary" onClick={() => regenerate.mutate()} disabled={regenerate.isPending}>
                {regenerate.isPending ? "Making new codes…" : "New recovery codes"}
              </Button>
            </>
          ) : null}
        </div>
      </div>
      <AddPasskeyDialog open={addingPasskey} onClose={() => setAddingPasskey(false)} onAdded={refresh} />
      <AddAuthenticatorDialog open={adding} onClose={() => setAdding(false)} onAdded={refresh} />
      <RemoveAuthenticatorDialog factor={removing} last={list.length === 1} onClose={() => setRemoving(null)} onRemoved={refresh} />
      <Modal open={newCodes !== null} onClose={() => setNewCodes(null)} title="New recovery codes">
        {newCodes ? <RecoveryCodesList codes={newCodes} onSaved={() => setNewCodes(null)} /> : null}
      </Modal>
    </Panel>
  );
}
