"use client";
// Recovery codes shown once (after the first factor, or when replaced), in a dialog: a list to write down
// or copy, the reason they matter, and the one way on: "I saved the codes".
import { Button } from "@/components/ui/button";
import { CopyButton } from "@/components/ui/copy-button";
import { ModalActions } from "@/components/ui/modal";
import { Notice } from "@/components/ui/notice";

export function RecoveryCodesList({ codes, onSaved }: { codes: string[]; onSaved: () => void }) {
  return (
    <>
    <div className="space-y-3">
      <Notice tone="warning" title="Save these recovery codes now">
        They are shown only this once. Each signs you in once if you lose your passkey or authenticator app. Keep them somewhere safe, apart from your phone.
      </Notice>
      <ol aria-label="Recovery codes" data-testid="recovery-codes" className="grid grid-cols-1 gap-1 rounded-md border border-slate-300 bg-slate-50 p-3 font-mono text-base sm:grid-cols-2">
        {codes.map((c) => (
          <li key={c}>{c}</li>
        ))}
      </ol>
      <CopyButton value={codes.join("\n")} label="Copy the codes" />
    </div>
      <ModalActions>
        <Button type="button" onClick={onSaved} data-autofocus>
          I saved the codes
        </Button>
      </ModalActions>
    </>
  );
}
