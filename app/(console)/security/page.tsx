// Security: the signed-in person's password and where they are signed in (their sessions, endable), for
// platform administrators the inventory of keys and certificates, and what is still to come.
import type { Metadata } from "next";
import { PageHeader } from "@/components/console/page-header";
import { getArea } from "@/components/console/areas";
import { SecurityInventorySection } from "@/components/security/security-inventory-section";
import { PasswordSection } from "@/components/security/password-section";
import { SessionsSection } from "@/components/security/sessions-section";
import { Panel } from "@/components/ui/panel";
import { accessPolicies } from "@/contracts/access-policies";
import { roleMayCall } from "@/contracts/route-policy";
import { requireUser } from "@/lib/server/session";
import Link from "next/link";

export const metadata: Metadata = { title: "Security" };

export default async function SecurityPage() {
  const current = await requireUser();
  const seesInventory = current.status === "signed-in" && roleMayCall(current.user.role, accessPolicies["GET /v1/security/inventory"]);
  const seesAlerts = current.status === "signed-in" && roleMayCall(current.user.role, accessPolicies["GET /v1/security/alerts"]);
  return (
    <section aria-labelledby="page-title" className="space-y-6">
      <PageHeader title="Security" summary={getArea("/security").summary} />
      {seesAlerts ? (
        <p>
          <Link href="/security/alerts" className="font-medium text-indigo-700 underline">
            Security alerts
          </Link>{" "}
          — unusual use of sign-ins and credentials the anomaly detector noticed.
        </p>
      ) : null}
      <PasswordSection />
      <SessionsSection />
      {seesInventory ? <SecurityInventorySection /> : null}
      <Panel title="Coming soon">
        <ul className="mt-3 list-disc space-y-1 pl-5 text-sm text-slate-800">
          <li>rotating storage keys from the console (today: `tessera keys rotate` and `tessera keys reencrypt`)</li>
        </ul>
      </Panel>
    </section>
  );
}
