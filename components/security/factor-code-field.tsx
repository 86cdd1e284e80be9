"use client";
// The one input for a second factor, used by the step-up dialog and by removing a factor: the current
// code from the authenticator app, or (switchable) one of the recovery codes.
import { Field } from "@/components/ui/field";

export type ProofKind = "code" | "recoveryCode";

export function FactorCodeField({ kind, onKindChange, errors, idPrefix }: { kind: ProofKind; onKindChange: (k: ProofKind) => void; errors?: string[]; idPrefix: string }) {
  return (
    <div className="space-y-2">
      {kind === "code" ? (
        <Field key="code" id={`${idPrefix}-code`} name="code" label="Code from your authenticator app" inputMode="numeric" autoComplete="one-time-code" maxLength={7} required data-autofocus errors={errors} />
      ) : (
        <Field key="recovery" id={`${idPrefix}-recovery`} name="recoveryCode" label="Recovery code" autoComplete="off" autoCapitalize="characters" spellCheck={false} required data-autofocus errors={errors} hint="Each recovery code works once." />
      )}
      <button type="button" className="rounded text-sm text-indigo-800 underline" onClick={() => onKindChange(kind === "code" ? "recoveryCode" : "code")}>
        {kind === "code" ? "Use a recovery code instead" : "Use your authenticator app instead"}
      </button>
    </div>
  );
}

/** The proof a form holds, in the shape the API takes. */
export function proofOf(kind: ProofKind, form: HTMLFormElement): Record<string, string> {
  return { [kind]: String(new FormData(form).get(kind) ?? "") };
}
