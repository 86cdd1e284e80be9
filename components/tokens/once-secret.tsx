"use client";
// A token's secret, shown once right after it is created or rotated: a warning, the secret, a copy
// button and "Done". Focus moves to the secret so keyboard and screen-reader users land on it.
import { useEffect, useRef } from "react";
import { Button } from "@/components/ui/button";
import { CopyButton } from "@/components/ui/copy-button";
import { ModalActions } from "@/components/ui/modal";
import { Notice } from "@/components/ui/notice";

export function OnceSecret({ secret, onDone }: { secret: string; onDone: () => void }) {
  const ref = useRef<HTMLElement>(null);
  useEffect(() => ref.current?.focus(), []);
  return (
    <div className="space-y-4">
      <Notice tone="warning" title="Copy the secret now">
        You won&apos;t see it again: Tessera keeps only a digest. If it is lost, rotate the token.
      </Notice>
      <code
        ref={ref}
        tabIndex={-1}
        aria-label="Token secret"
        data-testid="token-secret"
        className="block select-all break-all rounded bg-slate-100 px-3 py-2 font-mono text-sm focus:outline-2 focus:outline-indigo-700"
      >
        {secret}
      </code>
      <CopyButton value={secret} label="Copy secret" />
      <ModalActions>
        <Button type="button" onClick={onDone}>
          Done
        </Button>
      </ModalActions>
    </div>
  );
}

/** A live region that exists before the secret appears, so its arrival is announced. */
export function SecretAnnouncement({ shown, what }: { shown: boolean; what: string }) {
  return (
    <p aria-live="polite" className="sr-only">
      {shown ? `${what} The secret is shown below, once; you won't see it again.` : ""}
    </p>
  );
}
