// A small coloured label for a status; the text carries the meaning, colour only helps.
type BadgeTone = "green" | "amber" | "slate" | "red" | "indigo";

const tones: Record<BadgeTone, string> = {
  green: "bg-emerald-100 text-emerald-900 ring-emerald-300",
  amber: "bg-amber-100 text-amber-950 ring-amber-300",
  slate: "bg-slate-100 text-slate-800 ring-slate-300",
  red: "bg-red-100 text-red-900 ring-red-300",
  indigo: "bg-indigo-100 text-indigo-900 ring-indigo-300",
};

/** Tones for the statuses Tessera shows (licenses, invitations, members). */
const statusTones: Record<string, BadgeTone> = {
  active: "green",
  accepted: "green",
  pending: "indigo",
  suspended: "amber",
  expired: "slate",
  removed: "slate",
  revoked: "red",
  closing: "amber",
  closed: "slate",
  retired: "slate",
  valid: "green",
  replaced: "slate",
  overdue: "amber",
};

export function StatusBadge({ status, label }: { status: string; label?: string }) {
  const tone = statusTones[status] ?? "slate";
  return (
    <span className={`inline-flex items-center rounded-full px-2 py-0.5 text-xs font-semibold ring-1 ring-inset ${tones[tone]}`} data-status={status}>
      {label ?? status.charAt(0).toUpperCase() + status.slice(1)}
    </span>
  );
}
