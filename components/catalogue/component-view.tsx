"use client";
// One component: its scopes and the resource servers (certificate identities) that may introspect its
// tokens and validate its licenses.
import { PageHeader } from "@/components/console/page-header";
import { BackLink, RecordPage } from "@/components/console/record-page";
import { Panel } from "@/components/ui/panel";
import { useComponent } from "./catalogue-queries";
import { ResourceServersSection } from "./resource-servers-section";

const back = <BackLink href="/components">All components</BackLink>;

export function ComponentView({ id }: { id: string }) {
  const component = useComponent(id);
  return (
    <RecordPage query={component} noun="component" back={back} notFound="There is no component with this id.">
      {(c) => (
        <section aria-labelledby="page-title" className="space-y-6">
          <PageHeader back={back} title={c.name} summary={<>Key <code className="font-mono">{c.key}</code>{c.description ? ` · ${c.description}` : null}</>} />
          <Panel title="Scopes">
            {c.scopes.length ? (
              <ul className="mt-3 space-y-1 text-sm" aria-label={`Scopes of ${c.name}`}>
                {c.scopes.map((s) => (
                  <li key={s.id}>
                    <code className="rounded bg-slate-100 px-1.5 py-0.5 font-mono text-xs">{s.key}</code>
                    {s.description ? <span className="text-slate-700"> — {s.description}</span> : null}
                  </li>
                ))}
              </ul>
            ) : (
              <p className="mt-3 text-sm text-slate-600">No scopes yet.</p>
            )}
          </Panel>
          <ResourceServersSection component={c} />
        </section>
      )}
    </RecordPage>
  );
}
