"use client";
// Secret scanners' keys (platform administrators): who may report leaked tokens to /api/secret-scanning,
// by the ECDSA P-256 public key they sign with (GitHub publishes its own at /meta/public_keys/secret_scanning);
// register one, or retire it (its reports are refused from then on).
import { useState } from "react";
import { useQuery } from "@tanstack/react-query";
import type { RegisterSecretScannerKeyRequest, SecretScannerKeyDto } from "@/contracts/token-leak-api";
import { Button } from "@/components/ui/button";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { Field, FieldShell, controlClasses } from "@/components/ui/field";
import { Panel } from "@/components/ui/panel";
import { apiFetch } from "@/lib/client/api-fetch";
import { useApiAction } from "@/lib/client/use-api-action";
import { formatDateTime } from "@/lib/format";
import { seg } from "@/lib/with-query";

const keysKey = ["secret-scanner-keys"] as const;

export function ScannerKeysPanel() {
  const keys = useQuery({ queryKey: keysKey, queryFn: ({ signal }) => apiFetch<{ keys: SecretScannerKeyDto[] }>("/api/secret-scanner-keys", { signal }) });
  const [form, setForm] = useState<RegisterSecretScannerKeyRequest>({ reporter: "", keyIdentifier: "", publicKey: "" });
  const [retiring, setRetiring] = useState<SecretScannerKeyDto | null>(null);
  const register = useApiAction({
    run: (body: RegisterSecretScannerKeyRequest) => apiFetch<{ key: SecretScannerKeyDto }>("/api/secret-scanner-keys", { method: "POST", body }),
    success: (r) => `Key of ${r.key.reporter} registered.`,
    failure: "The key was not registered.",
    invalidate: [keysKey],
    onSuccess: () => setForm({ reporter: "", keyIdentifier: "", publicKey: "" }),
  });
  const retire = useApiAction({
    run: (id: string) => apiFetch<{ key: SecretScannerKeyDto }>(`/api/secret-scanner-keys/${seg(id)}/retire`, { method: "POST" }),
    success: "Key retired.",
    failure: "The key was not retired.",
    invalidate: [keysKey],
    onSuccess: () => setRetiring(null),
  });
  const set = (field: keyof RegisterSecretScannerKeyRequest) => (e: { target: { value: string } }) => setForm((f) => ({ ...f, [field]: e.target.value }));

  return (
    <Panel title="Secret scanners">
      <p className="mt-1 text-sm text-slate-700">
        Scanners that find a <code className="font-mono">tsr_</code> token in public code report it to <code className="font-mono">/api/secret-scanning</code>, signed with a key
        registered here; live tokens they report are revoked at once and the tenant sees it in its audit log and on the token&apos;s page.
      </p>
      {keys.data?.keys.length ? (
        <ul className="mt-3 space-y-2" aria-label="Registered scanner keys">
          {keys.data.keys.map((k) => (
            <li key={k.id} className="flex flex-col gap-2 rounded-md border border-slate-300 p-3 text-sm sm:flex-row sm:items-center sm:justify-between">
              <div className="min-w-0">
                <p className="font-medium">{k.reporter}</p>
                <p className="break-all font-mono text-xs text-slate-700">{k.keyIdentifier}</p>
                <p className="text-slate-700">
                  {k.retiredAt ? <>Retired <time dateTime={k.retiredAt}>{formatDateTime(k.retiredAt)}</time></> : <>Registered <time dateTime={k.createdAt}>{formatDateTime(k.createdAt)}</time></>}
                </p>
              </div>
              {k.retiredAt ? null : (
                <Button type="button" variant="secondary" size="sm" onClick={() => setRetiring(k)} aria-label={`Retire the key of ${k.reporter}`}>
                  Retire
                </Button>
              )}
            </li>
          ))}
        </ul>
      ) : (
        <p className="mt-3 text-sm text-slate-700">{keys.isLoading ? "Loading keys…" : "No scanner's key is registered: reports are refused until one is."}</p>
      )}
      <form
        className="mt-4 space-y-3"
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          register.mutate(form);
        }}
      >
        <h3 className="text-base font-semibold">Register a key</h3>
        <Field name="reporter" id="ssk-reporter" label="Reporter" value={form.reporter} onChange={set("reporter")} errors={register.fieldErrors.reporter} hint="e.g. GitHub secret scanning" />
        <Field name="keyIdentifier" id="ssk-key-identifier" label="Key identifier" value={form.keyIdentifier} onChange={set("keyIdentifier")} errors={register.fieldErrors.keyIdentifier} />
        <FieldShell name="publicKey" id="ssk-public-key" label="Public key (PEM)" errors={register.fieldErrors.publicKey} hint="ECDSA P-256, beginning -----BEGIN PUBLIC KEY-----">
          {({ id, describedBy }) => (
            <textarea
              id={id}
              name="publicKey"
              aria-describedby={describedBy}
              aria-invalid={register.fieldErrors.publicKey ? true : undefined}
              rows={4}
              spellCheck={false}
              value={form.publicKey}
              onChange={set("publicKey")}
              className={`${controlClasses(Boolean(register.fieldErrors.publicKey))} font-mono`}
            />
          )}
        </FieldShell>
        <Button type="submit" disabled={register.isPending}>
          {register.isPending ? "Registering…" : "Register key"}
        </Button>
      </form>
      <ConfirmDialog
        open={retiring !== null}
        onClose={() => setRetiring(null)}
        onConfirm={() => retiring && retire.mutate(retiring.id)}
        pending={retire.isPending}
        title="Retire this key?"
        description={retiring ? `Reports signed with ${retiring.reporter}'s key ${retiring.keyIdentifier.slice(0, 16)}… are refused from now on.` : null}
        confirmLabel="Retire key"
      />
    </Panel>
  );
}
