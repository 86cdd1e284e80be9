"use client";
// Form fields the incident forms need beyond the shared ones: text over several lines, and a date and
// time in the viewer's own zone (sent to the API as an ISO instant).
import { controlClasses, FieldShell } from "@/components/ui/field";

type Common = { name: string; label: string; hint?: React.ReactNode; errors?: string[]; id?: string; required?: boolean; defaultValue?: string };

export function TextAreaField({ name, label, hint, errors, id, required, defaultValue, rows = 4, maxLength }: Common & { rows?: number; maxLength?: number }) {
  return (
    <FieldShell name={name} label={label} hint={hint} errors={errors} id={id}>
      {(d) => (
        <textarea
          id={d.id}
          name={name}
          rows={rows}
          required={required}
          maxLength={maxLength}
          defaultValue={defaultValue}
          aria-invalid={d.errorId ? true : undefined}
          aria-describedby={d.describedBy}
          className={controlClasses(Boolean(d.errorId))}
        />
      )}
    </FieldShell>
  );
}

/** An ISO instant as the value of <input type="datetime-local"> in the browser's zone. */
export function toLocalInput(iso: string | null | undefined): string {
  if (!iso) return "";
  const d = new Date(iso);
  const pad = (n: number) => String(n).padStart(2, "0");
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

/** The value of a datetime-local input as an ISO instant; "" stays "" (the API says what is missing), garbage is sent as typed (the API refuses it with a field message). */
export function fromLocalInput(value: string): string {
  if (!value) return "";
  const d = new Date(value);
  return Number.isNaN(d.getTime()) ? value : d.toISOString();
}

export function DateTimeField({ name, label, hint, errors, id, required, defaultValue }: Common) {
  const zone = Intl.DateTimeFormat().resolvedOptions().timeZone;
  return (
    <FieldShell name={name} label={label} hint={<>{hint ? <>{hint} </> : null}In your time zone ({zone}).</>} errors={errors} id={id}>
      {(d) => (
        <input
          id={d.id}
          name={name}
          type="datetime-local"
          required={required}
          defaultValue={defaultValue}
          aria-invalid={d.errorId ? true : undefined}
          aria-describedby={d.describedBy}
          className={controlClasses(Boolean(d.errorId))}
        />
      )}
    </FieldShell>
  );
}
