// Labelled form fields (input, select) whose hint and error messages are tied to the control with aria-describedby.
type Described = { id: string; describedBy: string | undefined; hintId?: string; errorId?: string };

type ShellProps = {
  name: string;
  label: string;
  hint?: React.ReactNode;
  errors?: string[];
  /** Overrides the default id `field-<name>` when two forms on one page share a field name. */
  id?: string;
  children: (d: Described) => React.ReactNode;
};

export function FieldShell({ name, label, hint, errors, id: idOverride, children }: ShellProps) {
  const id = idOverride ?? `field-${name}`;
  const hintId = hint ? `${id}-hint` : undefined;
  const errorId = errors?.length ? `${id}-error` : undefined;
  const describedBy = [hintId, errorId].filter(Boolean).join(" ") || undefined;
  return (
    <div className="space-y-1">
      <label htmlFor={id} className="block text-sm font-medium text-slate-900">
        {label}
      </label>
      {children({ id, describedBy, hintId, errorId })}
      {hint ? (
        <div id={hintId} className="text-sm text-slate-600">
          {hint}
        </div>
      ) : null}
      {errorId ? (
        <ul id={errorId} className="text-sm font-medium text-red-700">
          {errors!.map((message) => (
            <li key={message}>{message}</li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}

export const controlClasses = (invalid: boolean) =>
  `block w-full rounded-md border bg-white px-3 py-2 text-base shadow-sm sm:text-sm ${invalid ? "border-red-600" : "border-slate-400"}`;

type InputProps = Omit<React.InputHTMLAttributes<HTMLInputElement>, "name" | "type" | "id"> & {
  type?: "text" | "email" | "password" | "date" | "number" | "search";
};

type FieldProps = InputProps & {
  name: string;
  label: string;
  hint?: React.ReactNode;
  errors?: string[];
  id?: string;
};

export function Field({ name, label, hint, errors, id, type = "text", ...input }: FieldProps) {
  return (
    <FieldShell name={name} label={label} hint={hint} errors={errors} id={id}>
      {(d) => (
        <input
          {...input}
          id={d.id}
          name={name}
          type={type}
          aria-invalid={d.errorId ? true : undefined}
          aria-describedby={d.describedBy}
          className={controlClasses(Boolean(d.errorId))}
        />
      )}
    </FieldShell>
  );
}

type SelectFieldProps = Omit<React.SelectHTMLAttributes<HTMLSelectElement>, "name" | "id"> & {
  name: string;
  label: string;
  options: ReadonlyArray<{ value: string; label: string }>;
  hint?: React.ReactNode;
  errors?: string[];
  id?: string;
};

export function SelectField({ name, label, options, hint, errors, id, ...select }: SelectFieldProps) {
  return (
    <FieldShell name={name} label={label} hint={hint} errors={errors} id={id}>
      {(d) => (
        <select
          {...select}
          id={d.id}
          name={name}
          aria-invalid={d.errorId ? true : undefined}
          aria-describedby={d.describedBy}
          className={controlClasses(Boolean(d.errorId))}
        >
          {options.map((o) => (
            <option key={o.value} value={o.value}>
              {o.label}
            </option>
          ))}
        </select>
      )}
    </FieldShell>
  );
}
