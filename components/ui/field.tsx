// A labelled form field whose hint and error messages are tied to the input with aria-describedby.
type FieldProps = {
  name: string;
  label: string;
  type?: "text" | "email" | "password";
  autoComplete?: string;
  hint?: React.ReactNode;
  errors?: string[];
  defaultValue?: string;
  required?: boolean;
  minLength?: number;
  maxLength?: number;
};

export function Field({ name, label, type = "text", autoComplete, hint, errors, defaultValue, required, minLength, maxLength }: FieldProps) {
  const id = `field-${name}`;
  const hintId = hint ? `${id}-hint` : undefined;
  const errorId = errors?.length ? `${id}-error` : undefined;
  const describedBy = [hintId, errorId].filter(Boolean).join(" ") || undefined;
  return (
    <div className="space-y-1">
      <label htmlFor={id} className="block text-sm font-medium text-slate-900">
        {label}
      </label>
      <input
        id={id}
        name={name}
        type={type}
        autoComplete={autoComplete}
        defaultValue={defaultValue}
        required={required}
        minLength={minLength}
        maxLength={maxLength}
        aria-invalid={errorId ? true : undefined}
        aria-describedby={describedBy}
        className={`block w-full rounded-md border bg-white px-3 py-2 text-base shadow-sm sm:text-sm ${
          errorId ? "border-red-600" : "border-slate-400"
        }`}
      />
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
