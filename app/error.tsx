"use client";
// Last-resort error page: a friendly message and a reference, never a stack trace.
import { Button } from "@/components/ui/button";

export default function ErrorPage({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return (
    <main id="main" className="mx-auto max-w-md px-4 py-16">
      <div className="rounded-xl border border-slate-200 bg-white p-6 shadow-sm" role="alert">
        <h1 className="text-2xl font-semibold tracking-tight">Something went wrong</h1>
        <p className="mt-2 text-sm text-slate-700">
          Tessera could not show this page. Try again in a moment; if it keeps happening, contact your operator
          {error.digest ? (
            <>
              {" "}
              and quote reference <code className="font-mono">{error.digest}</code>
            </>
          ) : null}
          .
        </p>
        <Button type="button" onClick={reset} className="mt-4">
          Try again
        </Button>
      </div>
    </main>
  );
}
