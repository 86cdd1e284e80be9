// Security: the signed-in person's password and where they are signed in (their sessions, endable), a link to
// the anomaly detector's alerts for those who may read them, and for platform administrators the inventory of
// keys and certificates and storage key rotation.
import type { Metadata } from "next";
import Link from "next/link";
import { PageHeader } from "@/components/console/page-header";
import { getArea } from "@/components/console/areas";
import { SecurityInventorySection } from "@/components/security/security-inventory-section";
import { PasswordSection } from "@/components/security/password-section";
import { SessionsSection } from "@/components/security/sessions-section";
import { StorageRotationSection } from "@/components/security/storage-rotation-section";
import { TwoFactorSection } from "@/components/security/two-factor-section";
import { accessPolicies } from "@/contracts/access-policies";
import { roleMayCall } from "@/contracts/route-policy";
import { requireUser } from "@/lib/server/session";

export const metadata: Metadata = { title: "Security" };

export default async function SecurityPage() {
  const current = await requireUser();
  const seesInventory = current.status === "signed-in" && roleMayCall(current.user.role, accessPolicies["GET /v1/security/inventory"]);
  const seesAlerts = current.status === "signed-in" && roleMayCall(current.user.role, accessPolicies["GET /v1/security/alerts"]);
  const rotates = current.status === "signed-in" && roleMayCall(current.user.role, accessPolicies["POST /v1/security/storage-rotations"]);
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
      <TwoFactorSection />
      <SessionsSection />
      {seesInventory ? <SecurityInventorySection /> : null}
      {rotates ? <StorageRotationSection /> : null}
    </section>
  );
}
