"use client";
// Checkboxes for choosing scopes among a license's (a new token's, an OAuth client's), with the field's
// server-side error announced through aria-describedby.
import { useId } from "react";

type ScopeChecklistProps = {
  /** The scopes on offer: the license's. */
  scopes: string[];
  selected: string[];
  onChange: (selected: string[]) => void;
  hint: string;
  errors?: string[];
};

export function ScopeChecklist({ scopes, selected, onChange, hint, errors }: ScopeChecklistProps) {
  const errorId = useId();
  const toggle = (scope: string, on: boolean) => onChange(on ? [...selected, scope] : selected.filter((s) => s !== scope));
  const hasErrors = (errors?.length ?? 0) > 0;
  return (
    <fieldset aria-describedby={hasErrors ? errorId : undefined}>
      <legend className="text-sm font-medium text-slate-900">Scopes</legend>
      <p className="text-sm text-slate-600">{hint}</p>
      <ul className="mt-2 space-y-1">
        {scopes.map((s) => (
          <li key={s}>
            <label className="flex items-center gap-2 text-sm">
              <input type="checkbox" name="scopes" value={s} checked={selected.includes(s)} onChange={(e) => toggle(s, e.target.checked)} className="h-4 w-4" />
              <code className="font-mono">{s}</code>
            </label>
          </li>
        ))}
      </ul>
      {hasErrors ? (
        <p id={errorId} className="mt-1 text-sm font-medium text-red-700">
          {errors!.join(" ")}
        </p>
      ) : null}
    </fieldset>
  );
}
