// An OAuth client's status badge: its own state, and "on hold" while its license is not active (then the
// token endpoint refuses it and its tokens are refused, though nothing has been revoked).
import type { LicenseDetail } from "@/contracts/license-api";
import type { OAuthClientView } from "@/lib/views/oauth-client-view";
import { StatusBadge } from "@/components/ui/status-badge";

export function OAuthClientStatus({ client, licenseStatus }: { client: Pick<OAuthClientView, "status">; licenseStatus: LicenseDetail["status"] }) {
  if (client.status === "revoked") return <StatusBadge status="revoked" label="Revoked" />;
  if (licenseStatus !== "active") return <StatusBadge status="suspended" label="On hold: license not active" />;
  return <StatusBadge status="active" label="Active" />;
}
