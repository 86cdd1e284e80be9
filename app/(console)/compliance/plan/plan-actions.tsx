"use client";
// Platform administrators' actions on the plan: run every self-check now, one after another with progress
// (each result is kept and audited by the access service), and sign off the access review after confirming.
import { useQueryClient } from "@tanstack/react-query";
import { useId, useState } from "react";
import { checkIds, checkTitles, type CheckId, type CheckResult, type SecurityPlanResponse } from "@/contracts/security-plan";
import { securityPlanKey } from "@/components/compliance/security-plan-queries";
import { Button } from "@/components/ui/button";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { Notice } from "@/components/ui/notice";
import { useToast } from "@/components/ui/toast";
import { apiFetch, isApiError } from "@/lib/client/api-fetch";

type Progress = { done: number; current: CheckId | null; failed: number; skipped: string[]; error: string | null };

export function PlanActions({ lastReview }: { lastReview: SecurityPlanResponse["lastReview"] }) {
  const queryClient = useQueryClient();
  const toast = useToast();
  const [progress, setProgress] = useState<Progress | null>(null);
  const [confirming, setConfirming] = useState(false);
  const [signing, setSigning] = useState(false);
  const [note, setNote] = useState("");
  const [noteError, setNoteError] = useState<string | null>(null);
  const noteId = useId();
  const running = progress !== null && progress.current !== null;

  async function runAll() {
    let state: Progress = { done: 0, current: null, failed: 0, skipped: [], error: null };
    for (const id of checkIds) {
      state = { ...state, current: id };
      setProgress(state);
      try {
        const result = await apiFetch<CheckResult>(`/api/security-plan/checks/${id}/run`, { method: "POST" });
        state = { ...state, done: state.done + 1, failed: state.failed + (result.result === "fail" ? 1 : 0) };
      } catch (error) {
        // 409: this check is run by `tessera selfcheck` where the web tier is launched; its latest result stands.
        if (isApiError(error) && error.status === 409) state = { ...state, done: state.done + 1, skipped: [...state.skipped, checkTitles[id]] };
        else {
          state = { ...state, current: null, error: isApiError(error) ? error.message : "The checks could not be run." };
          setProgress(state);
          await queryClient.invalidateQueries({ queryKey: securityPlanKey });
          return;
        }
      }
      setProgress(state);
    }
    setProgress({ ...state, current: null });
    await queryClient.invalidateQueries({ queryKey: securityPlanKey });
  }

  async function signOff() {
    setSigning(true);
    setNoteError(null);
    try {
      await apiFetch("/api/security-plan/access-review", { method: "POST", body: { note } });
      setConfirming(false);
      setNote("");
      toast.success("Access review signed off.", "It is recorded in the audit log.");
      await queryClient.invalidateQueries({ queryKey: securityPlanKey });
    } catch (error) {
      setNoteError(isApiError(error) ? (error.fieldErrors?.note?.[0] ?? error.message) : "The review could not be signed off.");
    } finally {
      setSigning(false);
    }
  }

  return (
    <div className="space-y-3 rounded-lg border border-slate-200 bg-white p-4 print:hidden">
      <h2 className="text-lg font-semibold">Run and review</h2>
      <div className="flex flex-wrap gap-2">
        <Button type="button" onClick={() => void runAll()} disabled={running}>
          {running ? "Running checks…" : "Run all checks now"}
        </Button>
        <Button type="button" variant="secondary" onClick={() => setConfirming(true)} disabled={running}>
          Sign off the access review
        </Button>
      </div>
      {progress ? (
        <div role="status" aria-live="polite" className="space-y-1 text-sm">
          <label className="block">
            <span className="sr-only">Checks run</span>
            <progress className="w-full" max={checkIds.length} value={progress.done} />
          </label>
          <p>
            {progress.current
              ? `Running ${progress.done + 1} of ${checkIds.length}: ${checkTitles[progress.current]}…`
              : progress.error
                ? `Stopped after ${progress.done} of ${checkIds.length} checks.`
                : `Done: ${progress.done} of ${checkIds.length} checks run, ${progress.failed} failing.`}
          </p>
          {!progress.current && progress.skipped.length ? (
            <p className="text-slate-700">Run by `tessera selfcheck` on the host that launches the web tier, not from here: {progress.skipped.join(", ")}.</p>
          ) : null}
        </div>
      ) : null}
      {progress?.error ? <Notice tone="error">{progress.error}</Notice> : null}
      <ConfirmDialog
        open={confirming}
        onClose={() => setConfirming(false)}
        onConfirm={() => void signOff()}
        title="Sign off the access review"
        description={`You confirm that you have reviewed every privileged account, OAuth client and certificate${lastReview ? ` added since ${lastReview.signedOffAt.slice(0, 10)}` : ""}, as listed in the access review check's evidence.`}
        confirmLabel="Sign off"
        tone="neutral"
        pending={signing}
      >
        <label htmlFor={noteId} className="block text-sm font-medium">
          Note (optional)
        </label>
        <textarea
          id={noteId}
          value={note}
          onChange={(e) => setNote(e.target.value)}
          maxLength={1000}
          rows={3}
          aria-invalid={noteError ? true : undefined}
          aria-describedby={noteError ? `${noteId}-error` : undefined}
          className="mt-1 block w-full rounded-md border border-slate-400 bg-white px-3 py-2 text-base sm:text-sm"
        />
        {noteError ? (
          <p id={`${noteId}-error`} className="mt-1 text-sm text-red-800">
            {noteError}
          </p>
        ) : null}
      </ConfirmDialog>
    </div>
  );
}
