"use client";
// One component: its scopes, the resource servers (certificate identities) that may introspect its
// tokens and validate its licenses, and its data inventory (what the public trust page says it holds);
// renaming or retiring it or one of its scopes (platform administrators).
import { PageHeader } from "@/components/console/page-header";
import { BackLink, RecordPage } from "@/components/console/record-page";
import { InventorySection } from "@/components/trust/inventory-section";
import { Panel } from "@/components/ui/panel";
import { StatusBadge } from "@/components/ui/status-badge";
import { useComponent } from "./catalogue-queries";
import { RenameButton } from "./rename-button";
import { ResourceServersSection } from "./resource-servers-section";
import { RetireButton } from "./retire-button";
import { ScopeList } from "./scope-list";

const back = <BackLink href="/components">All components</BackLink>;

export function ComponentView({ id }: { id: string }) {
  const component = useComponent(id);
  return (
    <RecordPage query={component} noun="component" back={back} notFound="There is no component with this id.">
      {(c) => (
        <section aria-labelledby="page-title" className="space-y-6">
          <PageHeader
            back={back}
            title={c.name}
            summary={<>Key <code className="font-mono">{c.key}</code>{c.description ? ` · ${c.description}` : null}{c.retiredAt ? <> · <StatusBadge status="retired" /> no new license may use it</> : null}</>}
            actions={
              <>
                <RenameButton kind="component" component={c} />
                {c.retiredAt ? null : <RetireButton kind="component" id={c.id} entryKey={c.key} />}
              </>
            }
          />
          <Panel title="Scopes">
            <ScopeList
              component={c}
              actions={(s) => (
                <>
                  <RenameButton kind="scope" scope={s} />
                  {s.retiredAt ? null : <RetireButton kind="scope" id={s.id} entryKey={s.key} />}
                </>
              )}
            />
          </Panel>
          <ResourceServersSection component={c} />
          <InventorySection component={c} />
        </section>
      )}
    </RecordPage>
  );
}
