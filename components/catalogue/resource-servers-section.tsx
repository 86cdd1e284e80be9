"use client";
// A component's resource servers: the certificate identities that alone may introspect its tokens and
// validate its licenses. Platform administrators add and remove them; others who read the catalogue see them.
import { useState } from "react";
import type { ComponentDto, ResourceServerDto } from "@/contracts/catalogue-api";
import { Button } from "@/components/ui/button";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { DataTable, type Column } from "@/components/ui/data-table";
import { DialogForm, formText } from "@/components/ui/dialog-form";
import { Field } from "@/components/ui/field";
import { Modal } from "@/components/ui/modal";
import { useMayCall } from "@/components/viewer";
import { apiFetch } from "@/lib/client/api-fetch";
import { useApiAction } from "@/lib/client/use-api-action";
import { formatDate } from "@/lib/format";
import { seg } from "@/lib/with-query";
import { catalogueKeys, useResourceServers } from "./catalogue-queries";

export function ResourceServersSection({ component }: { component: ComponentDto }) {
  const servers = useResourceServers(component.id);
  const canAdd = useMayCall("POST /v1/components/:id/resource-servers");
  const canRemove = useMayCall("DELETE /v1/components/:id/resource-servers/:identity");
  const [adding, setAdding] = useState(false);
  const [removing, setRemoving] = useState<ResourceServerDto | null>(null);
  const remove = useApiAction({
    run: (server: ResourceServerDto) => apiFetch(`/api/components/${seg(component.id)}/resource-servers/${seg(server.identity)}`, { method: "DELETE" }),
    success: `Resource server removed from ${component.name}.`,
    failure: "The resource server was not removed.",
    invalidate: [catalogueKeys.resourceServers(component.id)],
    onSuccess: () => setRemoving(null),
  });

  const columns: Column<ResourceServerDto>[] = [
    { key: "identity", header: "Certificate identity", cell: (r) => <code className="font-mono">{r.identity}</code> },
    { key: "added", header: "Added", cell: (r) => formatDate(r.createdAt) },
  ];
  if (canRemove) {
    columns.push({
      key: "actions",
      header: "Actions",
      cell: (r) => (
        <Button type="button" variant="secondary" size="sm" onClick={() => setRemoving(r)} aria-label={`Remove ${r.identity}`}>
          Remove
        </Button>
      ),
    });
  }

  return (
    <div>
      <div className="mb-3 flex flex-wrap items-center justify-between gap-2">
        <div>
          <h2 className="text-lg font-semibold">Resource servers</h2>
          <p className="text-sm text-slate-700">
            Only these certificate identities may introspect {component.name}&apos;s tokens and validate its licenses; any other gets the
            answer for an unknown token or key.
          </p>
        </div>
        {canAdd ? (
          <Button type="button" onClick={() => setAdding(true)}>
            Add resource server
          </Button>
        ) : null}
      </div>
      <DataTable
        caption={`Resource servers of ${component.name}`}
        columns={columns}
        rows={servers.data}
        rowKey={(r) => r.identity}
        query={servers}
        empty={{ title: "No resource servers", body: canAdd ? "Add the certificate identity of each service that checks this component's tokens or licenses." : "No identity may check this component's tokens or licenses yet." }}
      />
      <Modal open={adding} onClose={() => setAdding(false)} title={`Add a resource server to ${component.name}`}>
        {adding ? <AddResourceServerForm component={component} onDone={() => setAdding(false)} /> : null}
      </Modal>
      <ConfirmDialog
        open={removing !== null}
        onClose={() => setRemoving(null)}
        onConfirm={() => removing && remove.mutate(removing)}
        pending={remove.isPending}
        title="Remove this resource server?"
        description={`${removing?.identity ?? "The identity"} stops getting answers about ${component.name}'s tokens and licenses at once, in every access process.`}
        confirmLabel="Remove resource server"
      />
    </div>
  );
}

function AddResourceServerForm({ component, onDone }: { component: ComponentDto; onDone: () => void }) {
  const add = useApiAction({
    run: (identity: string) => apiFetch(`/api/components/${seg(component.id)}/resource-servers`, { method: "POST", body: { identity } }),
    success: `Resource server added to ${component.name}.`,
    failure: "The resource server was not added.",
    invalidate: [catalogueKeys.resourceServers(component.id)],
    onSuccess: onDone,
  });
  return (
    <DialogForm className="space-y-4" onSubmit={(d) => add.mutate(formText(d, "identity"))} onCancel={onDone} pending={add.isPending} submitLabel="Add resource server" pendingLabel="Adding…">
      <Field
        name="identity"
        id="resource-server-identity"
        label="Certificate identity"
        errors={add.fieldErrors.identity}
        hint="The CN of the service's certificate from the internal CA, e.g. reports-api."
        autoComplete="off"
        spellCheck={false}
        maxLength={63}
      />
    </DialogForm>
  );
}
