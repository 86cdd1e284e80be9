"use client";
// The columns of a license's OAuth clients table; "Actions" only for people who may revoke.
import type { LicenseDetail } from "@/contracts/license-api";
import { Button } from "@/components/ui/button";
import { CopyButton } from "@/components/ui/copy-button";
import type { Column } from "@/components/ui/data-table";
import { ScopeChips } from "@/components/tokens/token-status";
import { formatDateTime } from "@/lib/format";
import type { OAuthClientView } from "@/lib/views/oauth-client-view";
import { describeLifetime } from "./lifetime";
import { OAuthClientStatus } from "./oauth-client-status";

export function oauthClientColumns(licenseStatus: LicenseDetail["status"], onRevoke: ((c: OAuthClientView) => void) | null): Column<OAuthClientView>[] {
  const columns: Column<OAuthClientView>[] = [
    { key: "name", header: "Name", cell: (c) => <span className="break-words">{c.name}</span> },
    {
      key: "clientId",
      header: "client_id",
      cell: (c) => (
        <span className="flex flex-wrap items-center gap-2">
          <code className="whitespace-nowrap font-mono" data-testid="oauth-client-id">
            {c.id}
          </code>
          <CopyButton value={c.id} label="Copy client_id" />
        </span>
      ),
    },
    { key: "certIdentity", header: "Certificate identity", cell: (c) => <code className="font-mono">{c.certIdentity}</code> },
    { key: "scopes", header: "Scopes", cell: (c) => <ScopeChips scopes={c.scopes} label={`Scopes of ${c.name}`} /> },
    { key: "purpose", header: "Legitimate interest", cell: (c) => (c.purpose ? <span className="block max-w-xs break-words">{c.purpose}</span> : <span className="text-slate-600">Not declared</span>) },
    { key: "ttl", header: "Token lifetime", cell: (c) => <span className="whitespace-nowrap">{describeLifetime(c.tokenTtlSeconds)}</span> },
    { key: "createdAt", header: "Created", cell: (c) => <time dateTime={c.createdAt}>{formatDateTime(c.createdAt)}</time> },
    {
      key: "status",
      header: "Status",
      cell: (c) => (
        <span className="flex flex-col items-start gap-1">
          <OAuthClientStatus client={c} licenseStatus={licenseStatus} />
          {c.revokedAt ? <time dateTime={c.revokedAt} className="text-xs text-slate-600">{formatDateTime(c.revokedAt)}</time> : null}
        </span>
      ),
    },
  ];
  if (!onRevoke) return columns;
  columns.push({
    key: "actions",
    header: "Actions",
    cell: (c) =>
      c.status === "active" ? (
        <Button type="button" variant="danger" size="sm" onClick={() => onRevoke(c)} aria-label={`Revoke ${c.name}`}>
          Revoke
        </Button>
      ) : null,
  });
  return columns;
}
