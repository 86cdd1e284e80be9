"use client";
// The license's state changes, each behind a confirmation: suspend, reinstate, renew, change tier, revoke;
// and its own request quota.
import { useState } from "react";
import type { LicenseDetail } from "@/contracts/license-api";
import { Button } from "@/components/ui/button";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { Panel } from "@/components/ui/panel";
import { useApiAction } from "@/lib/client/use-api-action";
import { ChangeTierDialog } from "./change-tier-dialog";
import { licenseAction, licenseKeys } from "./license-queries";
import { RenewDialog } from "./renew-dialog";
import { RequestQuotaDialog } from "./request-quota-dialog";

type Open = null | "suspend" | "reinstate" | "renew" | "change-tier" | "request-quota" | "revoke";

export function LicenseActions({ license }: { license: LicenseDetail }) {
  const [open, setOpen] = useState<Open>(null);
  const close = () => setOpen(null);
  const common = { invalidate: [licenseKeys.all], onSuccess: close };
  const suspend = useApiAction({ ...common, run: () => licenseAction(license.id, "suspend"), success: "License suspended.", failure: "The license was not suspended." });
  const reinstate = useApiAction({ ...common, run: () => licenseAction(license.id, "reinstate"), success: "License reinstated.", failure: "The license was not reinstated." });
  const revoke = useApiAction({ ...common, run: () => licenseAction(license.id, "revoke"), success: "License revoked.", failure: "The license was not revoked." });

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

      <ConfirmDialog
        open={open === "suspend"}
        onClose={close}
        onConfirm={() => suspend.mutate()}
        pending={suspend.isPending}
        title="Suspend this license?"
        description="Every token under it stops working at once. You can reinstate it later."
        confirmLabel="Suspend license"
      />
      <ConfirmDialog
        open={open === "reinstate"}
        onClose={close}
        onConfirm={() => reinstate.mutate()}
        pending={reinstate.isPending}
        tone="neutral"
        title="Reinstate this license?"
        description="The license becomes active again with the scopes of its tier."
        confirmLabel="Reinstate license"
      />
      <ConfirmDialog
        open={open === "revoke"}
        onClose={close}
        onConfirm={() => revoke.mutate()}
        pending={revoke.isPending}
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
