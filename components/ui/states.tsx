"use client";
// Loading, empty and error states for data views; the error names the request id to quote.
import { isApiError } from "@/lib/client/api-fetch";
import { Button } from "./button";

export function LoadingState({ label = "Loading…" }: { label?: string }) {
  return (
    <div role="status" className="flex items-center gap-3 py-6 text-sm text-slate-700">
      <span aria-hidden="true" className="h-4 w-4 animate-spin rounded-full border-2 border-slate-300 border-t-indigo-700" />
      {label}
    </div>
  );
}

export function EmptyState({ title, children }: { title: string; children?: React.ReactNode }) {
  return (
    <div className="rounded-lg border border-dashed border-slate-400 bg-white px-4 py-8 text-center">
      <p className="font-semibold">{title}</p>
      {children ? <div className="mt-1 text-sm text-slate-700">{children}</div> : null}
    </div>
  );
}

export function ErrorState({ error, onRetry, what = "load this" }: { error: unknown; onRetry?: () => void; what?: string }) {
  const requestId = isApiError(error) ? error.requestId : undefined;
  const message = isApiError(error) ? error.message : "Something went wrong.";
  return (
    <div role="alert" className="rounded-lg border border-red-300 bg-red-50 px-4 py-4 text-sm text-red-950">
      <p className="font-semibold">We could not {what}.</p>
      <p className="mt-1">{message}</p>
      {requestId ? (
        <p className="mt-1">
          If this keeps happening, quote request id <code className="break-all font-mono">{requestId}</code>.
        </p>
      ) : null}
      {onRetry ? (
        <Button type="button" variant="secondary" size="sm" className="mt-3" onClick={onRetry}>
          Try again
        </Button>
      ) : null}
    </div>
  );
}
