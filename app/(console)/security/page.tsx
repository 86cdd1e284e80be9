// Security: where the signed-in person is signed in (their sessions, endable), and what is still to come.
import type { Metadata } from "next";
import { PageHeader } from "@/components/console/page-header";
import { getArea } from "@/components/console/areas";
import { SessionsSection } from "@/components/security/sessions-section";
import { Panel } from "@/components/ui/panel";
import { requireUser } from "@/lib/server/session";

export const metadata: Metadata = { title: "Security" };

export default async function SecurityPage() {
  await requireUser();
  return (
    <section aria-labelledby="page-title" className="space-y-6">
      <PageHeader title="Security" summary={getArea("/security").summary} />
      <SessionsSection />
      <Panel title="Coming soon">
        <ul className="mt-3 list-disc space-y-1 pl-5 text-sm text-slate-800">
          <li>changing your password</li>
          <li>key rotation status</li>
          <li>internal certificates and revoked nodes</li>
        </ul>
      </Panel>
    </section>
  );
}
