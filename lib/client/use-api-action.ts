"use client";
// A react-query mutation that reports its outcome as a toast (a later success withdraws the failure's),
// refreshes the queries it affects, and exposes the server's field messages for the form that started it.
import { useRef } from "react";
import { useMutation, useQueryClient, type QueryKey } from "@tanstack/react-query";
import { useToast } from "@/components/ui/toast";
import { isApiError, type FieldErrors } from "./api-fetch";

type Options<V, R> = {
  run: (vars: V) => Promise<R>;
  success: string | ((result: R) => string);
  failure: string;
  invalidate?: QueryKey[];
  onSuccess?: (result: R) => void;
};

export function useApiAction<V = void, R = unknown>({ run, success, failure, invalidate = [], onSuccess }: Options<V, R>) {
  const toast = useToast();
  const queryClient = useQueryClient();
  // The failure toast of the last attempt: a retry that succeeds takes it back, so no stale error stays.
  const failureToast = useRef<number | null>(null);
  const withdrawFailure = () => {
    if (failureToast.current !== null) toast.dismiss(failureToast.current);
    failureToast.current = null;
  };
  const mutation = useMutation<R, unknown, V>({
    mutationFn: run,
    onSuccess: async (result) => {
      withdrawFailure();
      toast.success(typeof success === "function" ? success(result) : success);
      onSuccess?.(result);
      await Promise.all(invalidate.map((queryKey) => queryClient.invalidateQueries({ queryKey })));
    },
    onError: (error) => {
      const detail = isApiError(error) ? `${error.message}${error.requestId ? ` (request id ${error.requestId})` : ""}` : "Something went wrong.";
      withdrawFailure();
      failureToast.current = toast.error(failure, detail);
    },
  });
  return { ...mutation, fieldErrors: fieldErrorsOf(mutation.error) };
}

/** Field messages of a failed form submission, if the server sent any. */
export function fieldErrorsOf(error: unknown): FieldErrors {
  return isApiError(error) && error.fieldErrors ? error.fieldErrors : {};
}
