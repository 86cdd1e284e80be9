"use client";
// The fields of a service tier (name, description, quotas, scopes by component), shared by create and edit.
import { quotaFields, quotaLabels, quotaMaximum, type ComponentDto, type QuotaField, type TierDto } from "@/contracts/catalogue-api";
import { Field } from "@/components/ui/field";
import { LoadingState } from "@/components/ui/states";

export type TierDraft = { key: string; name: string; description: string; scopes: string[] } & Record<QuotaField, string>;

export function draftFromTier(tier?: TierDto): TierDraft {
  const quotas = Object.fromEntries(quotaFields.map((f) => [f, tier ? String(tier[f]) : ""])) as Record<QuotaField, string>;
  return { key: tier?.key ?? "", name: tier?.name ?? "", description: tier?.description ?? "", scopes: tier?.scopes ?? [], ...quotas };
}

/** Form values as the API expects them; an empty or non-numeric quota is sent as-is so the server names the field. */
export function quotasOf(draft: TierDraft): Record<QuotaField, number> {
  return Object.fromEntries(quotaFields.map((f) => [f, draft[f] === "" ? Number.NaN : Number(draft[f])])) as Record<QuotaField, number>;
}

type Props = {
  draft: TierDraft;
  onChange: (draft: TierDraft) => void;
  components: ComponentDto[] | undefined;
  errors: Record<string, string[]>;
  withKey: boolean;
};

export function TierFields({ draft, onChange, components, errors, withKey }: Props) {
  const set = (key: keyof TierDraft) => (e: React.ChangeEvent<HTMLInputElement>) => onChange({ ...draft, [key]: e.target.value });
  const toggle = (scope: string, on: boolean) =>
    onChange({ ...draft, scopes: on ? [...draft.scopes, scope].sort() : draft.scopes.filter((s) => s !== scope) });
  return (
    <div className="space-y-4">
      {withKey ? <Field name="key" label="Key" value={draft.key} onChange={set("key")} errors={errors.key} hint="Lowercase, e.g. enterprise. Never changes." /> : null}
      <Field name="name" label="Name" value={draft.name} onChange={set("name")} errors={errors.name} maxLength={100} />
      <Field name="description" label="Description" value={draft.description} onChange={set("description")} errors={errors.description} maxLength={500} />
      <div className="grid gap-4 sm:grid-cols-2">
        {quotaFields.map((f) => (
          <Field key={f} name={f} label={quotaLabels[f]} type="number" min={1} max={quotaMaximum[f]} value={draft[f]} onChange={set(f)} errors={errors[f]} />
        ))}
      </div>
      <fieldset aria-describedby={errors.scopes?.length ? "tier-scopes-error" : undefined}>
        <legend className="text-sm font-medium">Scopes this tier allows</legend>
        {!components ? (
          <LoadingState label="Loading scopes…" />
        ) : (
          <div className="mt-2 grid gap-3 sm:grid-cols-2">
            {components.map((c) => (
              <div key={c.id} className="rounded-md border border-slate-200 p-3">
                <p className="text-sm font-semibold">{c.name}</p>
                {c.scopes.length === 0 ? <p className="text-sm text-slate-600">No scopes yet.</p> : null}
                <ul className="mt-1 space-y-1">
                  {c.scopes.map((s) => (
                    <li key={s.id}>
                      <label className="flex items-center gap-2 text-sm">
                        {/* A retired scope can be kept or removed, never newly added (the service refuses it too). */}
                        <input type="checkbox" checked={draft.scopes.includes(s.key)} disabled={Boolean(s.retiredAt || c.retiredAt) && !draft.scopes.includes(s.key)} onChange={(e) => toggle(s.key, e.target.checked)} className="h-4 w-4" />
                        <code className="font-mono">{s.key}</code>
                        {s.retiredAt || c.retiredAt ? <span className="text-xs text-slate-700">(retired)</span> : null}
                      </label>
                    </li>
                  ))}
                </ul>
              </div>
            ))}
          </div>
        )}
        {errors.scopes?.length ? (
          <p id="tier-scopes-error" className="mt-1 text-sm font-medium text-red-700">
            {errors.scopes.join(" ")}
          </p>
        ) : null}
      </fieldset>
    </div>
  );
}
