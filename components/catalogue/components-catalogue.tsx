"use client";
// The component catalogue: each component with its scopes (its page shows its resource servers); platform
// administrators add components and scopes, and rename them.
import Link from "next/link";
import { useState } from "react";
import type { ComponentDto } from "@/contracts/catalogue-api";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { DialogForm, formText } from "@/components/ui/dialog-form";
import { Modal } from "@/components/ui/modal";
import { ModalButton } from "@/components/ui/modal-button";
import { EmptyState, ErrorState, LoadingState } from "@/components/ui/states";
import { useMayCall } from "@/components/viewer";
import { apiFetch } from "@/lib/client/api-fetch";
import { useApiAction } from "@/lib/client/use-api-action";
import { seg } from "@/lib/with-query";
import { catalogueKeys, useComponents } from "./catalogue-queries";
import { RenameButton } from "./rename-button";
import { ScopeList } from "./scope-list";

export function ComponentsCatalogue() {
  const components = useComponents();
  const canWrite = useMayCall("POST /v1/components");
  const [scopeFor, setScopeFor] = useState<ComponentDto | null>(null);
  const close = () => setScopeFor(null);

  let body: React.ReactNode;
  if (components.error) body = <ErrorState error={components.error} onRetry={() => void components.refetch()} what="load the components" />;
  else if (!components.data) body = <LoadingState />;
  else if (components.data.length === 0) body = <EmptyState title="No components yet">Add the services you sell, then their scopes.</EmptyState>;
  else
    body = (
      <ul className="grid gap-4 lg:grid-cols-2">
        {components.data.map((c) => (
          <li key={c.id} className="rounded-lg border border-slate-200 bg-white p-4">
            <div className="flex items-start justify-between gap-2">
              <div className="min-w-0">
                <h2 className="font-semibold">
                  <Link href={`/components/${seg(c.id)}`} className="text-indigo-800 underline">
                    {c.name}
                  </Link>
                </h2>
                <p className="text-sm text-slate-700">
                  <code className="font-mono">{c.key}</code>
                  {c.description ? ` · ${c.description}` : null}
                  {c.retiredAt ? " · retired" : null}
                </p>
              </div>
              <div className="flex shrink-0 flex-wrap justify-end gap-2">
                <RenameButton kind="component" component={c} />
                {canWrite ? (
                  <Button type="button" variant="secondary" size="sm" onClick={() => setScopeFor(c)} aria-label={`Add a scope to ${c.name}`}>
                    Add scope
                  </Button>
                ) : null}
              </div>
            </div>
            <ScopeList component={c} actions={(s) => <RenameButton kind="scope" scope={s} />} />
          </li>
        ))}
      </ul>
    );

  return (
    <div className="space-y-4">
      {canWrite ? (
        <ModalButton label="Add component" title="Add component">
          {(done) => <ComponentForm onDone={done} />}
        </ModalButton>
      ) : null}
      {body}
      <Modal open={scopeFor !== null} onClose={close} title={scopeFor ? `Add a scope to ${scopeFor.name}` : "Add scope"}>
        {scopeFor ? <ScopeForm component={scopeFor} onDone={close} /> : null}
      </Modal>
    </div>
  );
}

function ComponentForm({ onDone }: { onDone: () => void }) {
  const create = useAddToCatalogue("/api/components", "component", onDone);
  const fe = create.fieldErrors;
  return (
    <DialogForm
      className="space-y-4"
      onSubmit={(d) => create.mutate({ key: formText(d, "key"), name: formText(d, "name"), description: formText(d, "description") })}
      onCancel={onDone}
      pending={create.isPending}
      submitLabel="Add component"
      pendingLabel="Adding…"
    >
      <Field name="key" id="component-key" label="Key" errors={fe.key} hint="Lowercase, e.g. reports. Never changes." />
      <Field name="name" id="component-name" label="Name" errors={fe.name} maxLength={100} />
      <Field name="description" id="component-description" label="Description" errors={fe.description} maxLength={500} />
    </DialogForm>
  );
}

function ScopeForm({ component, onDone }: { component: ComponentDto; onDone: () => void }) {
  const create = useAddToCatalogue(`/api/components/${seg(component.id)}/scopes`, "scope", onDone);
  const fe = create.fieldErrors;
  return (
    <DialogForm
      className="space-y-4"
      onSubmit={(d) => create.mutate({ key: formText(d, "key"), description: formText(d, "description") })}
      onCancel={onDone}
      pending={create.isPending}
      submitLabel="Add scope"
      pendingLabel="Adding…"
    >
      <Field name="key" id="scope-key" label="Scope" defaultValue={`${component.key}:`} errors={fe.key} hint={`Starts with ${component.key}:, e.g. ${component.key}:read.`} />
      <Field name="description" id="scope-description" label="Description" errors={fe.description} maxLength={500} />
    </DialogForm>
  );
}

/** Adds a component or a scope, then refreshes the catalogue. */
function useAddToCatalogue(path: string, what: "component" | "scope", onDone: () => void) {
  return useApiAction({
    run: (body: unknown) => apiFetch(path, { method: "POST", body }),
    success: `${what === "component" ? "Component" : "Scope"} added.`,
    failure: `The ${what} was not added.`,
    invalidate: [catalogueKeys.components],
    onSuccess: onDone,
  });
}
