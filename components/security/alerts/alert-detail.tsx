"use client";
// One alert: what was seen (evidence), the baseline it broke, its responses (each reversible), and the
// one-click actions: respond now (suspend and shun ask for confirmation), "not an anomaly", resolved.
import { useState } from "react";
import { alertKindLabels, destructiveResponses, responseKindLabels, responseKinds, type ResponseKind, type SecurityAlertDto } from "@/contracts/security-alert-api";
import { Button } from "@/components/ui/button";
import { ConfirmActionDialog } from "@/components/ui/confirm-action-dialog";
import { DetailsList } from "@/components/ui/details-list";
import { useApiAction } from "@/lib/client/use-api-action";
import { alertKeys, applyResponse, decideAlert, reverseResponse } from "./alert-queries";
import { modelEvidenceSentence } from "./model-evidence";

const shown = (v: unknown) => (Array.isArray(v) ? v.join(", ") || "none" : v === null || v === undefined ? "—" : typeof v === "object" ? JSON.stringify(v) : String(v));
const entries = (o: Record<string, unknown>) => Object.entries(o).map(([k, v]) => [k, <span key={k} className="break-all">{shown(v)}</span>] as [string, React.ReactNode]);

export function AlertDetail({ alert, canAct }: { alert: SecurityAlertDto; canAct: boolean }) {
  const [confirming, setConfirming] = useState<ResponseKind | null>(null);
  const invalidate = [alertKeys.all];
  const respond = useApiAction({ run: (kind: ResponseKind) => applyResponse(alert.id, kind), success: "Response recorded.", failure: "The response could not be applied.", invalidate });
  const reverse = useApiAction({ run: (responseId: string) => reverseResponse(alert.id, responseId), success: "Response reversed.", failure: "The response could not be reversed.", invalidate });
  const decide = useApiAction({ run: (d: "not_anomaly" | "resolved") => decideAlert(alert.id, d), success: "Alert closed.", failure: "The alert could not be closed.", invalidate });
  const open = alert.state === "open";
  const modelSays = modelEvidenceSentence(alert);
  return (
    <article aria-labelledby={`alert-${alert.id}`} className="space-y-4" data-testid="alert-detail">
      <h3 id={`alert-${alert.id}`} className="text-base font-semibold">
        {alertKindLabels[alert.kind]} · {alert.principalKind} {alert.principalId}
      </h3>
      <DetailsList rows={[["Raised by", alert.source], ["Tenant", alert.tenantId ?? "—"], ["Seen at", alert.occurredAt], ["State", alert.state.replace("_", " ")]]} />
      <section>
        <h4 className="font-medium">Evidence</h4>
        {modelSays ? <p className="mt-1 text-sm" data-testid="model-evidence">{modelSays}</p> : null}
        {/* A corroborating model's evidence is told by the sentence, not repeated as JSON. */}
        <DetailsList rows={entries(modelSays && alert.kind !== "sequence" ? Object.fromEntries(Object.entries(alert.evidence).filter(([k]) => k !== "model")) : alert.evidence)} />
      </section>
      <section>
        <h4 className="font-medium">The baseline it broke</h4>
        <DetailsList rows={entries(alert.baseline)} />
      </section>
      <section>
        <h4 className="font-medium">Responses</h4>
        {alert.responses.length ? (
          <ul className="mt-1 space-y-2 text-sm">
            {alert.responses.map((r) => (
              <li key={r.id} className="flex flex-wrap items-center gap-2">
                <span>
                  {responseKindLabels[r.kind]}: {r.state}
                  {typeof r.target.command === "string" ? <code className="ml-2">{r.target.command}</code> : null}
                </span>
                {canAct && (r.state === "applied" || r.state === "pending") ? (
                  <Button type="button" size="sm" variant="secondary" onClick={() => reverse.mutate(r.id)} disabled={reverse.isPending}>
                    Reverse
                  </Button>
                ) : null}
              </li>
            ))}
          </ul>
        ) : (
          <p className="text-sm text-slate-700">None yet. In shadow mode the detector only records.</p>
        )}
      </section>
      {canAct ? (
        <div className="flex flex-wrap gap-2">
          {responseKinds
            .filter((k) => k !== "alert")
            .map((k) => (
              <Button key={k} type="button" size="sm" variant={destructiveResponses.includes(k) ? "danger" : "secondary"} disabled={respond.isPending} onClick={() => (destructiveResponses.includes(k) ? setConfirming(k) : respond.mutate(k))}>
                {responseKindLabels[k]}
              </Button>
            ))}
          {open ? (
            <>
              <Button type="button" size="sm" variant="secondary" onClick={() => decide.mutate("not_anomaly")} disabled={decide.isPending}>
                Not an anomaly
              </Button>
              <Button type="button" size="sm" variant="secondary" onClick={() => decide.mutate("resolved")} disabled={decide.isPending}>
                Resolved
              </Button>
            </>
          ) : null}
        </div>
      ) : null}
      <ConfirmActionDialog
        open={confirming !== null}
        onClose={() => setConfirming(null)}
        title={confirming ? `${responseKindLabels[confirming]}?` : ""}
        description={confirming === "suspend" ? "Every token of the license stops working until the response is reversed." : "The certificate's identity is marked to be revoked by the operator (tessera pki revoke)."}
        confirmLabel={confirming ? responseKindLabels[confirming] : "Confirm"}
        run={() => applyResponse(alert.id, confirming ?? "alert")}
        success="Response applied."
        failure="The response could not be applied."
        invalidate={invalidate}
      />
    </article>
  );
}
