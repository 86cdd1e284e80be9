"use client";
// "Rename" for a component (its name and description) or a scope (its description: what people read for
// it), in a dialog prefilled with the current text. The contract's own schema checks it before it is sent,
// and the service checks it again; either's message stands at its field. The key never changes: licenses,
// tiers and tokens name entries by key. A retired entry may be renamed too, as the service allows.
import { useState } from "react";
import { fieldErrorsOf as zodFieldErrors, humanIssueMessage, type FieldErrors } from "@/contracts/field-messages";
import { renameComponentRequest, renameScopeRequest, type ComponentDto, type ScopeDto } from "@/contracts/catalogue-api";
import { Button } from "@/components/ui/button";
import { DialogForm, formText } from "@/components/ui/dialog-form";
import { Field } from "@/components/ui/field";
import { Modal } from "@/components/ui/modal";
import { useMayCall } from "@/components/viewer";
import { licenseKeys } from "@/components/licenses/license-queries";
import { apiFetch } from "@/lib/client/api-fetch";
import { useApiAction } from "@/lib/client/use-api-action";
import { seg } from "@/lib/with-query";
import { catalogueKeys } from "./catalogue-queries";

type Entry = { kind: "component"; component: Pick<ComponentDto, "id" | "key" | "name" | "description"> } | { kind: "scope"; scope: Pick<ScopeDto, "id" | "key" | "description"> };

export function RenameButton(entry: Entry) {
  const canRename = useMayCall(entry.kind === "component" ? "PATCH /v1/components/:id" : "PATCH /v1/scopes/:id");
  const [open, setOpen] = useState(false);
  if (!canRename) return null;
  const label = entry.kind === "component" ? entry.component.name : entry.scope.key;
  const close = () => setOpen(false);
  return (
    <>
      <Button type="button" variant="secondary" size="sm" onClick={() => setOpen(true)} aria-label={`Rename ${label}`}>
        Rename
      </Button>
      <Modal open={open} onClose={close} title={`Rename ${label}`} description={`Its key ${entry.kind === "component" ? entry.component.key : entry.scope.key} stays as it is.`}>
        {entry.kind === "component" ? <RenameComponentForm component={entry.component} onDone={close} /> : <RenameScopeForm scope={entry.scope} onDone={close} />}
      </Modal>
    </>
  );
}

function RenameComponentForm({ component, onDone }: { component: Extract<Entry, { kind: "component" }>["component"]; onDone: () => void }) {
  const rename = useRename(`/api/components/${seg(component.id)}`, renameComponentRequest, (c: { component: ComponentDto }) => `Component renamed to ${c.component.name}.`, "The component was not renamed.", onDone);
  return (
    <DialogForm className="space-y-4" onSubmit={(d) => rename.submit({ name: formText(d, "name"), description: formText(d, "description") })} onCancel={onDone} pending={rename.isPending} submitLabel="Rename" pendingLabel="Renaming…">
      <Field name="name" id="rename-component-name" label="Name" defaultValue={component.name} errors={rename.errors.name} autoComplete="off" data-autofocus />
      <Field name="description" id="rename-component-description" label="Description" defaultValue={component.description} errors={rename.errors.description} autoComplete="off" />
    </DialogForm>
  );
}

function RenameScopeForm({ scope, onDone }: { scope: Extract<Entry, { kind: "scope" }>["scope"]; onDone: () => void }) {
  const rename = useRename(`/api/scopes/${seg(scope.id)}`, renameScopeRequest, () => `Scope ${scope.key} renamed.`, "The scope was not renamed.", onDone);
  return (
    <DialogForm className="space-y-4" onSubmit={(d) => rename.submit({ description: formText(d, "description") })} onCancel={onDone} pending={rename.isPending} submitLabel="Rename" pendingLabel="Renaming…">
      <Field name="description" id="rename-scope-description" label="Description" defaultValue={scope.description} errors={rename.errors.description} hint="What a person reads for the scope, e.g. Read reports." autoComplete="off" data-autofocus />
    </DialogForm>
  );
}

/**
 * Checks the input with the contract's schema (nothing is sent while it fails), then PATCHes it and
 * refreshes the catalogue and the licenses that show a component's name. `errors`: this check's messages,
 * or else the service's.
 */
function useRename<S extends typeof renameComponentRequest | typeof renameScopeRequest, R>(path: string, schema: S, success: (result: R) => string, failure: string, onDone: () => void) {
  const [checked, setChecked] = useState<FieldErrors>({});
  const action = useApiAction({
    run: (body: unknown) => apiFetch<R>(path, { method: "PATCH", body }),
    success,
    failure,
    invalidate: [catalogueKeys.components, licenseKeys.all],
    onSuccess: onDone,
  });
  const submit = (input: unknown) => {
    const parsed = schema.safeParse(input, { error: humanIssueMessage });
    if (!parsed.success) {
      action.reset();
      setChecked(zodFieldErrors(parsed.error));
      return;
    }
    setChecked({});
    action.mutate(parsed.data);
  };
  return { submit, isPending: action.isPending, errors: Object.keys(checked).length ? checked : action.fieldErrors };
}
