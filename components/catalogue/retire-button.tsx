"use client";
// "Retire" for a component or a scope, behind a confirmation where the person types its key: from then
// on no new license (component) or tier (scope) uses it, while existing ones keep working.
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { useMayCall } from "@/components/viewer";
import { apiFetch } from "@/lib/client/api-fetch";
import { useApiAction } from "@/lib/client/use-api-action";
import { seg } from "@/lib/with-query";
import { catalogueKeys } from "./catalogue-queries";

export function RetireButton({ kind, id, entryKey }: { kind: "component" | "scope"; id: string; entryKey: string }) {
  const canRetire = useMayCall(kind === "component" ? "POST /v1/components/:id/retire" : "POST /v1/scopes/:id/retire");
  const [open, setOpen] = useState(false);
  const retire = useApiAction({
    run: () => apiFetch(`/api/${kind === "component" ? "components" : "scopes"}/${seg(id)}/retire`, { method: "POST", body: { confirmKey: entryKey } }),
    success: `${kind === "component" ? "Component" : "Scope"} ${entryKey} retired.`,
    failure: `The ${kind} was not retired.`,
    invalidate: [catalogueKeys.components, catalogueKeys.tiers],
    onSuccess: () => setOpen(false),
  });
  if (!canRetire) return null;
  return (
    <>
      <Button type="button" variant="secondary" size="sm" onClick={() => setOpen(true)} aria-label={`Retire ${entryKey}`}>
        Retire
      </Button>
      <ConfirmDialog
        open={open}
        onClose={() => setOpen(false)}
        onConfirm={() => retire.mutate()}
        pending={retire.isPending}
        title={`Retire ${entryKey}?`}
        description={
          kind === "component"
            ? "No new license may be created for it and no tier may newly grant its scopes. Existing licenses, tiers and tokens keep working and show it as retired."
            : "No tier may newly grant it. Tiers and tokens that carry it keep it and show it as retired."
        }
        confirmLabel={`Retire ${kind}`}
        typedConfirmation={entryKey}
      />
    </>
  );
}
