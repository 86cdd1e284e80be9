// A token's status badge: its own state, and "on hold" while its license is not active (then it is
// refused everywhere even though it has not been revoked).
import { tokenStatusLabels, type TokenDto } from "@/contracts/token-api";
import { StatusBadge } from "@/components/ui/status-badge";

export function TokenStatus({ token }: { token: Pick<TokenDto, "status" | "licenseActive"> }) {
  if (token.status === "active" && !token.licenseActive) return <StatusBadge status="suspended" label="On hold: license not active" />;
  return <StatusBadge status={token.status} label={tokenStatusLabels[token.status]} />;
}

/** "Ada Lovelace", the e-mail, or what we know when the account is gone. */
export function personLabel(person: TokenDto["createdBy"], fallback: string): string {
  if (!person) return fallback;
  return person.name ?? person.email ?? person.id;
}

export function ScopeChips({ scopes, label }: { scopes: string[]; label: string }) {
  if (!scopes.length) return <span className="text-slate-600">None</span>;
  return (
    <ul className="flex flex-wrap gap-1" aria-label={label}>
      {scopes.map((s) => (
        <li key={s} className="rounded bg-slate-100 px-1.5 py-0.5 font-mono text-xs">
          {s}
        </li>
      ))}
    </ul>
  );
}
