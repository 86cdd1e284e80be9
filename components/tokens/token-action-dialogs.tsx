"use client";
// The dialogs of one token's actions: rotate (choose a grace period, then the new secret once) and revoke
// (confirm). One set per page, opened for whichever token was picked.
import { useState } from "react";
import type { CreateTokenResponse, TokenDto } from "@/contracts/token-api";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { DialogForm } from "@/components/ui/dialog-form";
import { Field } from "@/components/ui/field";
import { useApiAction } from "@/lib/client/use-api-action";
import { OnceSecretDialog } from "@/components/ui/once-secret-dialog";
import { revokeToken, rotateToken, tokenKeys } from "./token-queries";
import { tokenSecretShown } from "./token-secret-shown";

export type TokenDialog = { kind: "rotate" | "revoke"; token: TokenDto } | null;

/** The longest grace period the access service accepts (a week). */
const maxGraceHours = 168;

export function TokenActionDialogs({ dialog, onClose, onRotated }: { dialog: TokenDialog; onClose: () => void; onRotated?: (r: CreateTokenResponse) => void }) {
  const token = dialog?.token;
  const revoke = useApiAction({
    run: (id: string) => revokeToken(id),
    success: (t) => `Token ${t.name} revoked.`,
    failure: "The token was not revoked.",
    invalidate: [tokenKeys.all],
    onSuccess: onClose,
  });
  return (
    <>
      <RotateDialog token={dialog?.kind === "rotate" ? token : undefined} onClose={onClose} onRotated={onRotated} />
      <ConfirmDialog
        open={dialog?.kind === "revoke"}
        onClose={onClose}
        onConfirm={() => token && revoke.mutate(token.id)}
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
      />
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
      description={token ? `A new token replaces ${token.name} (${token.displayPrefix}), with the same name and scopes.` : undefined}
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
  const rotate = useApiAction({
    run: (graceHours: number) => rotateToken(token.id, graceHours),
    success: "Token rotated.",
    failure: "The token was not rotated.",
    invalidate: [tokenKeys.all],
    onSuccess: onRotated,
  });
  return (
    <DialogForm
      onSubmit={() => {
        const graceHours = Number(grace);
        if (grace.trim() === "" || !Number.isInteger(graceHours) || graceHours < 0 || graceHours > maxGraceHours) {
          setGraceError([`Enter whole hours from 0 to ${maxGraceHours}.`]);
          return;
        }
        setGraceError(undefined);
        rotate.mutate(graceHours);
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
        autoFocus
        required
      />
    </DialogForm>
  );
}
