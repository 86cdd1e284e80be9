"use client";
// The one dialog that shows a secret once (a new or rotated token's secret, a revealed license key): its
// form first, then the secret with a copy button. Escape, a click outside or × do not close it until the
// person confirms they copied it (unless the copy button already did), and the confirmation says what is lost.
import { useEffect, useId, useRef, useState } from "react";
import { Button } from "./button";
import { CopyButton } from "./copy-button";
import { Modal, ModalActions } from "./modal";
import { Notice } from "./notice";

export type SecretShown = {
  /** The secret's accessible name ("Token secret") and its test id. */
  label: string;
  testId: string;
  copyLabel: string;
  /** The warning above the secret: why it is shown only now. */
  warning: { title: string; body: React.ReactNode };
  /** What closing without a copy loses, said in the confirmation. */
  lost: string;
  /** Announced when the secret appears ("Token created."). */
  announce: string;
};

type Props = {
  open: boolean;
  onClose: () => void;
  title: string;
  description?: React.ReactNode;
  size?: "md" | "lg";
  /** Null while `children` (the form that produces it) is shown. */
  secret: string | null;
  shown: SecretShown;
  children?: React.ReactNode;
};

export function OnceSecretDialog({ open, onClose, title, description, size, secret, shown, children }: Props) {
  const [copied, setCopied] = useState(false);
  const [confirming, setConfirming] = useState(false);
  const close = () => {
    setCopied(false);
    setConfirming(false);
    onClose();
  };
  // Escape, the backdrop and ×: straight out while no secret is shown or once it was copied; otherwise
  // ask first, and a second Escape while asking goes back to the secret (the safe way out).
  const dismiss = () => {
    if (secret === null || copied) return close();
    setConfirming((asking) => !asking);
  };
  return (
    <Modal open={open} onClose={dismiss} title={title} description={secret === null ? description : undefined} size={size}>
      <p aria-live="polite" className="sr-only">
        {secret !== null ? `${shown.announce} The secret is shown below, once.` : ""}
      </p>
      {secret === null ? (
        children
      ) : (
        <SecretBody secret={secret} shown={shown} confirming={confirming} onCopied={() => setCopied(true)} onDone={close} onBack={() => setConfirming(false)} />
      )}
    </Modal>
  );
}

type BodyProps = { secret: string; shown: SecretShown; confirming: boolean; onCopied: () => void; onDone: () => void; onBack: () => void };

function SecretBody({ secret, shown, confirming, onCopied, onDone, onBack }: BodyProps) {
  const secretRef = useRef<HTMLElement>(null);
  const backRef = useRef<HTMLButtonElement>(null);
  const headingId = useId();
  // Keyboard and screen-reader users land on the secret, on the question while it is asked, and back.
  useEffect(() => (confirming ? backRef.current : secretRef.current)?.focus(), [confirming]);
  return (
    <div className="space-y-4">
      <Notice tone="warning" title={shown.warning.title}>
        {shown.warning.body}
      </Notice>
      <code
        ref={secretRef}
        tabIndex={-1}
        aria-label={shown.label}
        data-testid={shown.testId}
        className="block select-all break-all rounded bg-slate-100 px-3 py-2 font-mono text-sm focus:outline-2 focus:outline-indigo-700"
      >
        {secret}
      </code>
      <CopyButton value={secret} label={shown.copyLabel} onCopied={onCopied} />
      {confirming ? (
        <div role="group" aria-labelledby={headingId} className="rounded-md border border-amber-300 bg-amber-50 px-4 py-3 text-sm text-amber-950" data-testid="once-secret-confirm">
          <p id={headingId} className="font-semibold">
            Close without copying it?
          </p>
          <p className="mt-1">{shown.lost}</p>
          <ModalActions>
            <Button type="button" variant="secondary" onClick={onDone}>
              I have copied it, close
            </Button>
            <Button type="button" ref={backRef} onClick={onBack}>
              Back to the secret
            </Button>
          </ModalActions>
        </div>
      ) : (
        <ModalActions>
          <Button type="button" onClick={onDone}>
            Done
          </Button>
        </ModalActions>
      )}
    </div>
  );
}
