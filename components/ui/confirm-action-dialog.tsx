"use client";
// A confirmation whose button runs one API action: the pairing of ConfirmDialog and useApiAction that the
// lifecycle panels (a license's actions, a tenant's lifecycle) need once per action. The outcome is a
// toast, the queries named are refreshed, and the dialog closes when the action succeeds.
import type { QueryKey } from "@tanstack/react-query";
import { useApiAction } from "@/lib/client/use-api-action";
import { ConfirmDialog, type ConfirmDialogProps } from "./confirm-dialog";

type ConfirmActionDialogProps<R> = Omit<ConfirmDialogProps, "onConfirm" | "pending" | "children"> & {
  run: () => Promise<R>;
  success: string | ((result: R) => string);
  failure: string;
  invalidate: QueryKey[];
};

export function ConfirmActionDialog<R>({ run, success, failure, invalidate, ...dialog }: ConfirmActionDialogProps<R>) {
  const action = useApiAction({ run, success, failure, invalidate, onSuccess: dialog.onClose });
  return <ConfirmDialog {...dialog} onConfirm={() => action.mutate()} pending={action.isPending} />;
}
