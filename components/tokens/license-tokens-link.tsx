// On a license's page: where its tokens are (their own page, so the license page stays about the license).
import Link from "next/link";
import { Panel } from "@/components/ui/panel";

export function LicenseTokensLink({ licenseId }: { licenseId: string }) {
  return (
    <Panel title="Tokens">
      <p className="mt-3 text-sm text-slate-700">
        Scoped credentials that components present to use this license.{" "}
        <Link href={`/licenses/${licenseId}/tokens`} className="font-medium text-indigo-800 underline">
          View this license&apos;s tokens
        </Link>
      </p>
    </Panel>
  );
}
