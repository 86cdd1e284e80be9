"use client";
// "Sign-in" on a tenant's page: whether its people must sign in with a second factor, and for those who may
// set it a button that turns it on or off (the access service asks the one changing it for a fresh factor of
// their own; the step-up dialog answers). Platform administrators always need one, whatever is set here.
import type { TenantDto } from "@/contracts/tenant-api";
import { Button } from "@/components/ui/button";
import { Panel } from "@/components/ui/panel";
import { useMayCall } from "@/components/viewer";
import { apiFetch } from "@/lib/client/api-fetch";
import { useApiAction } from "@/lib/client/use-api-action";
import { seg } from "@/lib/with-query";
import { tenantKeys } from "./tenant-queries";

export function SecondFactorRequirementPanel({ tenant: t }: { tenant: TenantDto }) {
  const canSet = useMayCall("PUT /v1/tenants/:id/second-factor-requirement") && t.status !== "closed" && t.status !== "closing";
  const set = useApiAction({
    run: (required: boolean) => apiFetch(`/api/tenants/${seg(t.id)}/second-factor-requirement`, { method: "PUT", body: { required } }),
    success: t.secondFactorRequired ? "A second factor is now optional for this tenant's people." : "This tenant's people now need a second factor to sign in.",
    failure: "The sign-in requirement was not changed.",
    invalidate: [tenantKeys.all],
  });
  return (
    <Panel title="Sign-in">
      <p className="mt-2 text-sm text-slate-800" data-testid="second-factor-requirement">
        {t.secondFactorRequired
          ? "A second factor is required: this tenant's people sign in with a passkey or an authenticator app after their password, and anyone without one adds one before going on."
          : "A second factor is optional: this tenant's people may add a passkey or an authenticator app on their Security page."}
      </p>
      {canSet ? (
        <div className="mt-4">
          <Button type="button" variant={t.secondFactorRequired ? "secondary" : "primary"} onClick={() => set.mutate(!t.secondFactorRequired)} disabled={set.isPending}>
            {set.isPending ? "Saving…" : t.secondFactorRequired ? "Make a second factor optional" : "Require a second factor"}
          </Button>
        </div>
      ) : null}
    </Panel>
  );
}
