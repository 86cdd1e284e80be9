"use client";
// Recovery codes shown once (after the first authenticator, or when replaced): a list to write down or
// copy, and the reason they matter.
import { CopyButton } from "@/components/ui/copy-button";
import { Notice } from "@/components/ui/notice";

export function RecoveryCodesList({ codes }: { codes: string[] }) {
  return (
    <div className="space-y-3">
      <Notice tone="warning" title="Save these recovery codes now">
        They are shown only this once. Each signs you in once if you lose your authenticator app. Keep them somewhere safe, apart from your phone.
      </Notice>
      <ol aria-label="Recovery codes" data-testid="recovery-codes" className="grid grid-cols-1 gap-1 rounded-md border border-slate-300 bg-slate-50 p-3 font-mono text-base sm:grid-cols-2">
        {codes.map((c) => (
          <li key={c}>{c}</li>
        ))}
      </ol>
      <CopyButton value={codes.join("\n")} label="Copy the codes" />
    </div>
  );
}
