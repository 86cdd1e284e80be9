"use client";
// A license's tokens page: which license it is, then its tokens table and actions, then their usage over time.
import { licenseStatusLabels } from "@/contracts/license-api";
import { PageHeader } from "@/components/console/page-header";
import { BackLink, RecordPage } from "@/components/console/record-page";
import { StatusBadge } from "@/components/ui/status-badge";
import { useLicense } from "@/components/licenses/license-queries";
import { TokensSection } from "./tokens-section";
import { LicenseUsagePanel } from "./usage-panels";

const back = <BackLink href="/licenses">All licenses</BackLink>;

export function LicenseTokensView({ licenseId }: { licenseId: string }) {
  const license = useLicense(licenseId);
  return (
    <RecordPage query={license} noun="license" back={back} notFound="There is no license with this id that you can see.">
      {(l) => (
        <section aria-labelledby="page-title">
          <PageHeader
            back={<BackLink href={`/licenses/${l.id}`}>License {l.id}</BackLink>}
            title={`Tokens of ${l.component.name} for ${l.tenant.name}`}
            summary={
              <span className="flex flex-wrap items-center gap-2">
                <code className="font-mono text-sm" data-testid="license-id">
                  {l.id}
                </code>
                <StatusBadge status={l.status} label={`License ${licenseStatusLabels[l.status].toLowerCase()}`} />
              </span>
            }
          />
          <TokensSection license={l} />
          <div className="mt-6">
            <LicenseUsagePanel licenseId={l.id} />
          </div>
        </section>
      )}
    </RecordPage>
  );
}
