"use client";
// The license's state changes, each behind a confirmation: suspend, reinstate, renew, change tier, revoke;
// and its own request quota.
import { useState } from "react";
import type { LicenseDetail } from "@/contracts/license-api";
import { Button } from "@/components/ui/button";
import { ConfirmActionDialog } from "@/components/ui/confirm-action-dialog";
import { Panel } from "@/components/ui/panel";
import { ChangeTierDialog } from "./change-tier-dialog";
import { licenseAction, licenseKeys } from "./license-queries";
import { RenewDialog } from "./renew-dialog";
import { RequestQuotaDialog } from "./request-quota-dialog";

type Open = null | "suspend" | "reinstate" | "renew" | "change-tier" | "request-quota" | "revoke";

export function LicenseActions({ license }: { license: LicenseDetail }) {
  const [open, setOpen] = useState<Open>(null);
  const close = () => setOpen(null);
  const confirmed = (action: "suspend" | "reinstate" | "revoke") => ({ open: open === action, onClose: close, invalidate: [licenseKeys.all], run: () => licenseAction(license.id, action) });

  return (
    <Panel title="Actions">
      <div className="mt-3 flex flex-wrap gap-2">
        {license.status === "active" ? (
          <Button type="button" variant="secondary" onClick={() => setOpen("suspend")}>
            Suspend
          </Button>
        ) : null}
        {license.status === "suspended" ? (
          <Button type="button" variant="secondary" onClick={() => setOpen("reinstate")}>
            Reinstate
          </Button>
        ) : null}
        <Button type="button" variant="secondary" onClick={() => setOpen("renew")}>
          Renew or extend
        </Button>
        <Button type="button" variant="secondary" onClick={() => setOpen("change-tier")}>
          Change tier
        </Button>
        <Button type="button" variant="secondary" onClick={() => setOpen("request-quota")}>
          Request quota
        </Button>
        <Button type="button" variant="danger" onClick={() => setOpen("revoke")}>
          Revoke
        </Button>
      </div>

      <ConfirmActionDialog
        {...confirmed("suspend")}
        success="License suspended."
        failure="The license was not suspended."
        title="Suspend this license?"
        description="Every token under it stops working at once. You can reinstate it later."
        confirmLabel="Suspend license"
      />
      <ConfirmActionDialog
        {...confirmed("reinstate")}
        success="License reinstated."
        failure="The license was not reinstated."
        tone="neutral"
        title="Reinstate this license?"
        description="The license becomes active again with the scopes of its tier, held to the tier's rules as they are now (seats above the tier's are lowered to it). It is refused while its tenant is suspended or closed, or if the tier no longer fits it."
        confirmLabel="Reinstate license"
      />
      <ConfirmActionDialog
        {...confirmed("revoke")}
        success="License revoked."
        failure="The license was not revoked."
        title="Revoke this license?"
        description="Revoking is final: the license and every token under it stop working for good, and it cannot be reinstated."
        confirmLabel="Revoke license"
        typedConfirmation={license.id}
      />
      <RenewDialog open={open === "renew"} onClose={close} license={license} />
      <ChangeTierDialog open={open === "change-tier"} onClose={close} license={license} />
      <RequestQuotaDialog open={open === "request-quota"} onClose={close} license={license} />
    </Panel>
  );
}
