"use client";
// A list of small records edited in place (subprocessors, commitments): one fieldset per row with its text
// fields, a Remove button per row and an Add button.
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";

export function RowsEditor<R extends Record<string, string>>({ legend, rows, blank, fields, onChange }: { legend: string; rows: R[]; blank: R; fields: [keyof R & string, string][]; onChange: (rows: R[]) => void }) {
  const slug = legend.toLowerCase().replace(/[^a-z]+/g, "-");
  return (
    <div className="space-y-3">
      {rows.length === 0 ? <p className="text-sm">None listed.</p> : null}
      <ol className="space-y-3">
        {rows.map((row, i) => (
          <li key={i} className="rounded-md border border-slate-200 p-3">
            <fieldset className="space-y-2">
              <legend className="font-medium">
                {legend} {i + 1}
              </legend>
              {fields.map(([field, label]) => (
                <Field key={field} id={`${slug}-${i}-${field}`} name={`${field}-${i}`} label={label} value={row[field]} onChange={(ev) => onChange(rows.map((r, j) => (j === i ? { ...r, [field]: ev.target.value } : r)))} />
              ))}
              <Button type="button" variant="secondary" size="sm" aria-label={`Remove ${legend.toLowerCase()} ${i + 1}`} onClick={() => onChange(rows.filter((_, j) => j !== i))}>
                Remove
              </Button>
            </fieldset>
          </li>
        ))}
      </ol>
      <Button type="button" variant="secondary" onClick={() => onChange([...rows, { ...blank }])}>
        Add {legend.toLowerCase()}
      </Button>
    </div>
  );
}
