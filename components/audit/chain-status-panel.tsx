"use client";
// The audit chain's status: when it was last verified, by what (the operator's command, the scheduled
// self-check, a person here) and what was found; its newest signed checkpoint and the published key;
// and, for platform admins, verifying it now.
import { useState } from "react";
import { useQueryClient } from "@tanstack/react-query";
import { Button } from "@/components/ui/button";
import { Notice } from "@/components/ui/notice";
import { ErrorState, LoadingState } from "@/components/ui/states";
import { useMayCall } from "@/components/viewer";
import { isApiError } from "@/lib/client/api-fetch";
import { auditKeys, useChainStatus, verifyChainNow } from "./audit-queries";
import { LocalTime } from "./local-time";

export function ChainStatusPanel() {
  const status = useChainStatus();
  const mayVerify = useMayCall("POST /v1/audit/chain/verify");
  const queryClient = useQueryClient();
  const [running, setRunning] = useState(false);
  const [message, setMessage] = useState<{ tone: "success" | "error"; text: string } | null>(null);

  async function verify() {
    setRunning(true);
    setMessage(null);
    try {
      const v = await verifyChainNow();
      setMessage(v.ok ? { tone: "success", text: `The chain verified: ${v.count.toLocaleString("en-US")} events, every link intact.` } : { tone: "error", text: `The chain is broken: the first event that does not fit is number ${v.firstBrokenSeq}.` });
      await queryClient.invalidateQueries({ queryKey: auditKeys.status });
    } catch (e) {
      setMessage({ tone: "error", text: isApiError(e) ? e.message : "The verification could not be run." });
    } finally {
      setRunning(false);
    }
  }

  return (
    <section aria-labelledby="chain-status-title" className="mb-5 rounded-lg border border-slate-200 bg-white p-4">
      <h2 id="chain-status-title" className="text-lg font-semibold">
        Proof the log has not been altered
      </h2>
      {status.error ? <ErrorState error={status.error} onRetry={() => void status.refetch()} what="load the chain's status" /> : null}
      {!status.data && status.isFetching ? <LoadingState /> : null}
      {status.data ? (
        <dl className="mt-2 grid gap-x-6 gap-y-2 text-sm sm:grid-cols-[max-content_1fr]">
          <dt className="font-medium text-slate-700">Last verified</dt>
          <dd>
            {status.data.lastVerification ? (
              <>
                <LocalTime iso={status.data.lastVerification.at} /> by {status.data.lastVerification.byLabel}:{" "}
                {status.data.lastVerification.ok ? (
                  <strong className="text-emerald-800">intact</strong>
                ) : (
                  <strong className="text-red-800">broken{status.data.lastVerification.firstBrokenSeq ? ` at event ${status.data.lastVerification.firstBrokenSeq}` : ""}</strong>
                )}
                {status.data.lastVerification.anchor === "missing" ? <strong className="text-red-800"> (its newest events are missing)</strong> : null}
                {status.data.lastVerification.anchor === "changed" ? <strong className="text-red-800"> (its anchored event was changed)</strong> : null}
              </>
            ) : (
              "Not yet. The operator's tessera audit verify, the scheduled self-check or a platform admin here will record it."
            )}
          </dd>
          <dt className="font-medium text-slate-700">Newest signed checkpoint</dt>
          <dd>
            {status.data.checkpoint ? (
              <>
                event {status.data.checkpoint.seq.toLocaleString("en-US")}, signed <LocalTime iso={status.data.checkpoint.at} />
              </>
            ) : (
              "none yet (one is signed within seconds of the first events)"
            )}
          </dd>
          {status.data.publicKey ? (
            <>
              <dt className="font-medium text-slate-700">Published key</dt>
              <dd className="break-all font-mono text-xs">{status.data.publicKey.kid}</dd>
            </>
          ) : null}
        </dl>
      ) : null}
      <p className="mt-3 text-sm text-slate-700">
        A verifiable segment (export below) checks anywhere with <code className="font-mono">tessera audit verify --file</code> or the short script in the README, with the published key alone.
      </p>
      {mayVerify ? (
        <div className="mt-3 flex flex-col gap-3 print:hidden">
          <div>
            <Button type="button" variant="secondary" size="sm" onClick={() => void verify()} disabled={running} aria-describedby="verify-hint">
              {running ? "Verifying…" : "Verify the chain now"}
            </Button>
            <p id="verify-hint" className="mt-1 text-sm text-slate-700">
              Recomputes every link of the chain; it may take a while on a long log.
            </p>
          </div>
          {message ? <Notice tone={message.tone}>{message.text}</Notice> : null}
        </div>
      ) : null}
    </section>
  );
}
