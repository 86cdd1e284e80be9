// Primary and secondary buttons with a visible focus ring and a disabled state.
type ButtonProps = React.ButtonHTMLAttributes<HTMLButtonElement> & { variant?: "primary" | "secondary" };

export function Button({ variant = "primary", className = "", ...props }: ButtonProps) {
  const base = "inline-flex items-center justify-center rounded-md px-4 py-2 text-sm font-semibold disabled:cursor-not-allowed disabled:opacity-60";
  const look =
    variant === "primary"
      ? "bg-indigo-700 text-white hover:bg-indigo-800"
      : "border border-slate-400 bg-white text-slate-900 hover:bg-slate-100";
  return <button {...props} className={`${base} ${look} ${className}`} />;
}
