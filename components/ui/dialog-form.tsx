"use client";
// The form inside a dialog: its fields, then Cancel and a submit button that names what it is doing
// while the request runs (both disabled meanwhile, so a form is never sent twice).
import { Button } from "./button";
import { ModalActions } from "./modal";

type DialogFormProps = {
  /** Called instead of the browser's submission, with the form's current values. */
  onSubmit: (data: FormData) => void;
  onCancel: () => void;
  pending: boolean;
  submitLabel: string;
  pendingLabel: string;
  /** Keeps the submit button disabled until the form can be sent (e.g. nothing chosen yet). */
  submitDisabled?: boolean;
  submitVariant?: "primary" | "danger";
  className?: string;
  children: React.ReactNode;
};

export function DialogForm({ onSubmit, onCancel, pending, submitLabel, pendingLabel, submitDisabled = false, submitVariant = "primary", className, children }: DialogFormProps) {
  return (
    <form
      noValidate
      className={className}
      onSubmit={(e) => {
        e.preventDefault();
        onSubmit(new FormData(e.currentTarget));
      }}
    >
      {children}
      <ModalActions>
        <Button type="button" variant="secondary" onClick={onCancel} disabled={pending}>
          Cancel
        </Button>
        <Button type="submit" variant={submitVariant} disabled={pending || submitDisabled}>
          {pending ? pendingLabel : submitLabel}
        </Button>
      </ModalActions>
    </form>
  );
}

/** The text of a form field, "" when it is missing. */
export function formText(data: FormData, name: string): string {
  return String(data.get(name) ?? "");
}
