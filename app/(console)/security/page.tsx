// Security: where the signed-in person is signed in (their sessions, endable), for platform administrators
// the inventory of keys and certificates, and what is still to come.
import type { Metadata } from "next";
import { PageHeader } from "@/components/console/page-header";
import { getArea } from "@/components/console/areas";
import { SecurityInventorySection } from "@/components/security/security-inventory-section";
import { SessionsSection } from "@/components/security/sessions-section";
import { TwoFactorSection } from "@/components/security/two-factor-section";
import { Panel } from "@/components/ui/panel";
import { accessPolicies } from "@/contracts/access-policies";
import { roleMayCall } from "@/contracts/route-policy";
import { requireUser } from "@/lib/server/session";

export const metadata: Metadata = { title: "Security" };

export default async function SecurityPage() {
  const current = await requireUser();
  const seesInventory = current.status === "signed-in" && roleMayCall(current.user.role, accessPolicies["GET /v1/security/inventory"]);
  return (
    <section aria-labelledby="page-title" className="space-y-6">
      <PageHeader title="Security" summary={getArea("/security").summary} />
      <TwoFactorSection />
      <SessionsSection />
      {seesInventory ? <SecurityInventorySection /> : null}
      <Panel title="Coming soon">
        <ul className="mt-3 list-disc space-y-1 pl-5 text-sm text-slate-800">
          <li>changing your password</li>
          <li>rotating storage keys from the console (today: `tessera keys rotate` and `tessera keys reencrypt`)</li>
        </ul>
      </Panel>
    </section>
  );
}
