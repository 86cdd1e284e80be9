"use client";
// A tenant's lifecycle for platform administrators, each behind a confirmation: suspend (all its active
// licenses with it), reinstate (exactly those), and close a district through its all-data disposition
// request (typed confirmation; the tenant is closed when the request completes).
import { useState } from "react";
import Link from "next/link";
import type { z } from "zod";
import type { TenantDto, tenantActionResponse } from "@/contracts/tenant-api";
import { licenseKeys } from "@/components/licenses/license-queries";
import { Button } from "@/components/ui/button";
import { ConfirmActionDialog } from "@/components/ui/confirm-action-dialog";
import { Panel } from "@/components/ui/panel";
import { useMayCall } from "@/components/viewer";
import { apiFetch } from "@/lib/client/api-fetch";
import { seg } from "@/lib/with-query";
import { tenantKeys } from "./tenant-queries";

type Open = null | "suspend" | "reinstate" | "close";
type Result = z.infer<typeof tenantActionResponse>;

const act = (id: string, action: Exclude<Open, null>, body?: unknown) => apiFetch<Result>(`/api/tenants/${seg(id)}/${action}`, { method: "POST", body });
const count = (n: number | undefined) => `${(n ?? 0).toLocaleString("en-US")} license${n === 1 ? "" : "s"}`;
/** "Tenant reinstated with 2 licenses; 1 stays suspended, its tier's rules block it: lic_… (etl)." */
const reinstated = (r: Result) => {
  const blocked = r.blocked ?? [];
  const stay = blocked.length ? `; ${blocked.length} ${blocked.length === 1 ? "stays suspended, its tier's rules block it" : "stay suspended, their tiers' rules block them"}: ${blocked.map((b) => `${b.licenseId} (${b.componentKey})`).join(", ")}` : "";
  return `Tenant reinstated with ${count(r.licenses)}${stay}.`;
};

export function TenantLifecycle({ tenant: t }: { tenant: TenantDto }) {
  const canAct = useMayCall("POST /v1/tenants/:id/suspend");
  const [open, setOpen] = useState<Open>(null);
  const close = () => setOpen(null);
  const confirmed = (action: Exclude<Open, null>, body?: unknown) => ({ open: open === action, onClose: close, invalidate: [tenantKeys.all, licenseKeys.all], run: () => act(t.id, action, body) });
  if (!canAct) return null;
  return (
    <Panel title="Lifecycle">
      {t.status === "closing" || t.status === "closed" ? (
        <p className="mt-2 text-sm text-slate-700">
          {t.status === "closed" ? "This tenant is closed: its all-data disposition request completed." : "This tenant is being closed: it ends closed when its all-data disposition request completes."}{" "}
          {t.closingDispositionId ? (
            <Link className="text-indigo-800 underline" href={`/compliance/dispositions/${t.closingDispositionId}`}>
              See the disposition request
            </Link>
          ) : null}
        </p>
      ) : (
        <div className="mt-3 flex flex-wrap gap-2">
          {t.status === "active" ? (
            <Button type="button" variant="secondary" onClick={() => setOpen("suspend")}>
              Suspend tenant
            </Button>
          ) : (
            <Button type="button" variant="secondary" onClick={() => setOpen("reinstate")}>
              Reinstate tenant
            </Button>
          )}
          {t.kind === "district" ? (
            <Button type="button" variant="danger" onClick={() => setOpen("close")}>
              Close district
            </Button>
          ) : null}
        </div>
      )}
      <ConfirmActionDialog
        {...confirmed("suspend")}
        success={(r) => `Tenant suspended with ${count(r.licenses)}.`}
        failure="The tenant was not suspended."
        tone="neutral"
        title="Suspend this tenant?"
        description="Every active license of the tenant is suspended with it, and their tokens are refused until you reinstate the tenant. Licenses already suspended stay as they are."
        confirmLabel="Suspend tenant"
      />
      <ConfirmActionDialog
        {...confirmed("reinstate")}
        success={reinstated}
        failure="The tenant was not reinstated."
        tone="neutral"
        title="Reinstate this tenant?"
        description="The licenses the suspension suspended become active again, held to their tiers' rules as they are now: one its tier no longer fits stays suspended (you are told which). A license that was suspended before the tenant was stays suspended."
        confirmLabel="Reinstate tenant"
      />
      <ConfirmActionDialog
        {...confirmed("close", { confirmSlug: t.slug })}
        success="Closing filed: the district's all-data disposition request is under way."
        failure="The tenant was not closed."
        title="Close this district?"
        description="This files an all-data disposition request: every component destroys the district's data, its licenses are revoked and its data key destroyed. The district is closed when the request completes. This cannot be undone."
        confirmLabel="Close district"
        typedConfirmation={t.slug}
      />
    </Panel>
  );
}
