// A component's scopes as a list (key and description), or a line saying it has none yet: the catalogue
// and the component's page show them alike, each with the actions the page gives it; a retired scope says so.
import type { ComponentDto } from "@/contracts/catalogue-api";
import { StatusBadge } from "@/components/ui/status-badge";

export function ScopeList({ component, actions }: { component: Pick<ComponentDto, "name" | "scopes">; actions?: (scope: ComponentDto["scopes"][number]) => React.ReactNode }) {
  if (!component.scopes.length) return <p className="mt-3 text-sm text-slate-600">No scopes yet.</p>;
  return (
    <ul className="mt-3 space-y-1 text-sm" aria-label={`Scopes of ${component.name}`}>
      {component.scopes.map((s) => (
        <li key={s.id} className="flex flex-wrap items-center gap-2">
          <code className="rounded bg-slate-100 px-1.5 py-0.5 font-mono text-xs">{s.key}</code>
          {s.description ? <span className="text-slate-700">— {s.description}</span> : null}
          {s.retiredAt ? <StatusBadge status="retired" /> : null}
          {actions?.(s)}
        </li>
      ))}
    </ul>
  );
}
