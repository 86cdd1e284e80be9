"use client";
// The dialogs of one token's actions: rotate (choose a grace period and the new token's lifetime — the
// old one's unless changed — then the new secret once) and revoke (confirm). One set per page, opened for whichever token was picked.
import { useState } from "react";
import { personRevokeReasonLabels, personRevokeReasons, type CreateTokenResponse, type PersonRevokeReason, type TokenDto } from "@/contracts/token-api";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { DialogForm } from "@/components/ui/dialog-form";
import { Field } from "@/components/ui/field";
import { useApiAction } from "@/lib/client/use-api-action";
import { OnceSecretDialog } from "@/components/ui/once-secret-dialog";
import { revokeToken, rotateToken, tokenKeys } from "./token-queries";
import { tokenSecretShown } from "./token-secret-shown";

/** The dialog open for a token; a revoke may start with its reason chosen (the leaked-token lookup: "leaked"). */
export type TokenDialog = { kind: "rotate"; token: TokenDto } | { kind: "revoke"; token: TokenDto; reason?: PersonRevokeReason } | null;

/** The longest grace period the access service accepts (a week). */
const maxGraceHours = 168;

export function TokenActionDialogs({
  dialog,
  onClose,
  onRotated,
  onRevoked,
}: {
  dialog: TokenDialog;
  onClose: () => void;
  onRotated?: (r: CreateTokenResponse) => void;
  onRevoked?: (t: TokenDto) => void;
}) {
  const token = dialog?.token;
  const [reason, setReason] = useState<PersonRevokeReason>("revoked");
  const [openedFor, setOpenedFor] = useState<TokenDialog>(null);
  // Each opening starts from the reason it was opened with (state adjusted during render, not in an effect).
  if (openedFor !== dialog) {
    setOpenedFor(dialog);
    setReason(dialog?.kind === "revoke" ? (dialog.reason ?? "revoked") : "revoked");
  }
  const revoke = useApiAction({
    run: (v: { id: string; reason: PersonRevokeReason }) => revokeToken(v.id, v.reason),
    success: (t) => `Token ${t.name} revoked.`,
    failure: "The token was not revoked.",
    invalidate: [tokenKeys.all],
    onSuccess: (t) => {
      onRevoked?.(t);
      onClose();
    },
  });
  return (
    <>
      <RotateDialog token={dialog?.kind === "rotate" ? token : undefined} onClose={onClose} onRotated={onRotated} />
      <ConfirmDialog
        open={dialog?.kind === "revoke"}
        onClose={onClose}
        onConfirm={() => token && revoke.mutate({ id: token.id, reason })}
        pending={revoke.isPending}
        title="Revoke this token?"
        description={
          token ? (
            <>
              <strong>{token.name}</strong> (<code className="font-mono">{token.displayPrefix}</code>) stops working everywhere at once. This cannot be undone.
            </>
          ) : null
        }
        confirmLabel="Revoke token"
      >
        <fieldset className="mt-4">
          <legend className="text-sm font-medium">Why (kept with the token and in the audit log)</legend>
          <div className="mt-2 flex flex-col gap-2 sm:flex-row sm:gap-4">
            {personRevokeReasons.map((r) => (
              <label key={r} className="flex items-center gap-2 text-sm">
                <input type="radio" name="revoke-reason" value={r} checked={reason === r} onChange={() => setReason(r)} />
                {personRevokeReasonLabels[r]}
              </label>
            ))}
          </div>
        </fieldset>
      </ConfirmDialog>
    </>
  );
}

function RotateDialog({ token, onClose, onRotated }: { token: TokenDto | undefined; onClose: () => void; onRotated?: (r: CreateTokenResponse) => void }) {
  const [secret, setSecret] = useState<string | null>(null);
  const close = () => {
    setSecret(null);
    onClose();
  };
  return (
    <OnceSecretDialog
      open={token !== undefined}
      onClose={close}
      title={secret ? "Token rotated" : "Rotate token"}
      description={secret || !token ? undefined : `A new token replaces ${token.name} (${token.displayPrefix}), with the same name and scopes, and the same lifetime unless you change it below.`}
      secret={secret}
      shown={tokenSecretShown("Token rotated.")}
    >
      {token ? (
        <RotateForm
          token={token}
          onCancel={close}
          onRotated={(r) => {
            setSecret(r.secret);
            onRotated?.(r);
          }}
        />
      ) : null}
    </OnceSecretDialog>
  );
}

function RotateForm({ token, onCancel, onRotated }: { token: TokenDto; onCancel: () => void; onRotated: (r: CreateTokenResponse) => void }) {
  const [grace, setGrace] = useState("24");
  const [graceError, setGraceError] = useState<string[] | undefined>();
  const [lifetime, setLifetime] = useState(String(token.lifetimeHours));
  const [lifetimeError, setLifetimeError] = useState<string[] | undefined>();
  const rotate = useApiAction({
    run: (body: { graceHours: number; expiresInHours?: number }) => rotateToken(token.id, body),
    success: "Token rotated.",
    failure: "The token was not rotated.",
    invalidate: [tokenKeys.all],
    onSuccess: onRotated,
  });
  return (
    <DialogForm
      onSubmit={() => {
        const graceHours = Number(grace);
        const expiresInHours = Number(lifetime);
        const graceBad = grace.trim() === "" || !Number.isInteger(graceHours) || graceHours < 0 || graceHours > maxGraceHours;
        const lifetimeBad = lifetime.trim() === "" || !Number.isInteger(expiresInHours) || expiresInHours < 1;
        setGraceError(graceBad ? [`Enter whole hours from 0 to ${maxGraceHours}.`] : undefined);
        setLifetimeError(lifetimeBad ? ["Enter whole hours, at least 1."] : undefined);
        if (graceBad || lifetimeBad) return;
        // Unchanged: the service keeps the old lifetime exactly (and within a tier that lowered its maximum).
        rotate.mutate({ graceHours, expiresInHours: lifetime.trim() === String(token.lifetimeHours) ? undefined : expiresInHours });
      }}
      onCancel={onCancel}
      pending={rotate.isPending}
      submitLabel="Rotate token"
      pendingLabel="Rotating…"
    >
      <Field
        name="graceHours"
        id="rotate-grace"
        label="Grace period (hours)"
        type="number"
        inputMode="numeric"
        min={0}
        max={maxGraceHours}
        step={1}
        value={grace}
        onChange={(e) => setGrace(e.target.value)}
        errors={graceError ?? rotate.fieldErrors.graceHours}
        hint={`How long the old token keeps working so its users can switch: 0 ends it now, at most ${maxGraceHours} (a week).`}
        data-autofocus
        required
      />
      <Field
        name="expiresInHours"
        id="rotate-lifetime"
        label="New token's lifetime (hours)"
        type="number"
        inputMode="numeric"
        min={1}
        step={1}
        value={lifetime}
        onChange={(e) => setLifetime(e.target.value)}
        errors={lifetimeError ?? rotate.fieldErrors.expiresInHours}
        hint={`The old token's lifetime (${describeHours(token.lifetimeHours)}) is kept unless you change it; at most the tier's maximum.`}
        required
      />
    </DialogForm>
  );
}

/** "90 days", "36 hours": a lifetime as a person reads it. */
function describeHours(hours: number): string {
  if (hours % 24 === 0) return hours === 24 ? "1 day" : `${hours / 24} days`;
  return hours === 1 ? "1 hour" : `${hours} hours`;
}
