"use client";
// Confirmation for destructive actions; with `typedConfirmation` the person must type a word
// (e.g. the license id) before the action button works.
import { useId, useState } from "react";
import { Button } from "./button";
import { Modal, ModalActions } from "./modal";

export type ConfirmDialogProps = {
  open: boolean;
  onClose: () => void;
  onConfirm: () => void;
  title: string;
  description: React.ReactNode;
  confirmLabel: string;
  pending?: boolean;
  tone?: "danger" | "neutral";
  typedConfirmation?: string;
  children?: React.ReactNode;
};

export function ConfirmDialog(props: ConfirmDialogProps) {
  // Remount the body per opening so a typed confirmation never survives to the next time.
  return (
    <Modal open={props.open} onClose={props.onClose} title={props.title} description={props.description} busy={props.pending}>
      {props.open ? <ConfirmBody {...props} /> : null}
    </Modal>
  );
}

function ConfirmBody({ onClose, onConfirm, confirmLabel, pending = false, tone = "danger", typedConfirmation, children }: ConfirmDialogProps) {
  const [typed, setTyped] = useState("");
  const inputId = useId();
  const ready = !typedConfirmation || typed.trim() === typedConfirmation;
  return (
    <form
      onSubmit={(event) => {
        event.preventDefault();
        if (ready && !pending) onConfirm();
      }}
    >
      {children}
      {typedConfirmation ? (
        <div className="mt-4 space-y-1">
          <label htmlFor={inputId} className="block text-sm font-medium">
            Type <code className="rounded bg-slate-100 px-1 font-mono">{typedConfirmation}</code> to confirm
          </label>
          <input
            id={inputId}
            value={typed}
            onChange={(e) => setTyped(e.target.value)}
            autoComplete="off"
            spellCheck={false}
            data-autofocus
            className="block w-full rounded-md border border-slate-400 bg-white px-3 py-2 font-mono text-base sm:text-sm"
          />
        </div>
      ) : null}
      <ModalActions>
        <Button type="button" variant="secondary" onClick={onClose} disabled={pending} data-autofocus={typedConfirmation ? undefined : true}>
          Cancel
        </Button>
        <Button type="submit" variant={tone === "danger" ? "danger" : "primary"} disabled={!ready || pending}>
          {pending ? "Working…" : confirmLabel}
        </Button>
      </ModalActions>
    </form>
  );
}
