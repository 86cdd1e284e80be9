"use client";
// The columns of every tokens table (a license's, the Tokens area's), with the same row actions: rotate and
// revoke a live token. Tables across licenses add the license and, for platform administrators, the tenant.
import Link from "next/link";
import type { TokenDto, TokenListRow } from "@/contracts/token-api";
import { Button } from "@/components/ui/button";
import type { Column } from "@/components/ui/data-table";
import { formatDateTime } from "@/lib/format";
import type { TokenDialog } from "./token-action-dialogs";
import { isLive } from "./token-queries";
import { personLabel, ScopeChips, TokenStatus } from "./token-status";

/** `open` starts a row action's dialog; null hides the actions (a role that may not manage tokens). */
export function tokenColumns<T extends TokenDto>(open: ((d: TokenDialog) => void) | null, extra: Column<T>[] = []): Column<T>[] {
  const columns: Column<T>[] = [
    {
      key: "prefix",
      header: "Prefix",
      cell: (t) => (
        <Link href={`/tokens/${t.id}`} className="whitespace-nowrap font-mono text-indigo-800 underline">
          {t.displayPrefix}…
        </Link>
      ),
    },
    { key: "name", header: "Name", cell: (t) => <span className="break-words">{t.name}</span> },
    ...extra,
    { key: "scopes", header: "Scopes", cell: (t) => <ScopeChips scopes={t.scopes} label={`Scopes of ${t.name}`} /> },
    { key: "createdBy", header: "Created by", cell: (t) => personLabel(t.createdBy, t.clientId ? `OAuth client ${t.clientId}` : "Unknown") },
    { key: "expiresAt", header: "Expires", cell: (t) => <time dateTime={t.expiresAt}>{formatDateTime(t.expiresAt)}</time> },
    { key: "lastUsedAt", header: "Last used", cell: (t) => (t.lastUsedAt ? <time dateTime={t.lastUsedAt}>{formatDateTime(t.lastUsedAt)}</time> : <span className="text-slate-600">Never</span>) },
    { key: "status", header: "Status", cell: (t) => <TokenStatus token={t} /> },
  ];
  if (!open) return columns;
  columns.push({
    key: "actions",
    header: "Actions",
    cell: (t) =>
      isLive(t) ? (
        <div className="flex gap-2">
          <Button type="button" variant="secondary" size="sm" onClick={() => open({ kind: "rotate", token: t })} aria-label={`Rotate ${t.name}`}>
            Rotate
          </Button>
          <Button type="button" variant="danger" size="sm" onClick={() => open({ kind: "revoke", token: t })} aria-label={`Revoke ${t.name}`}>
            Revoke
          </Button>
        </div>
      ) : null,
  });
  return columns;
}

/** The license (component) and, when `withTenant`, the tenant of each row: for tables across licenses. */
export function licenseColumns(withTenant: boolean): Column<TokenListRow>[] {
  const license: Column<TokenListRow> = {
    key: "license",
    header: "License",
    cell: (t) => (
      <Link href={`/licenses/${t.license.id}`} className="text-indigo-800 underline">
        {t.license.component.name}
      </Link>
    ),
  };
  const tenant: Column<TokenListRow> = { key: "tenant", header: "Tenant", cell: (t) => <span className="break-words">{t.tenant.name}</span> };
  return withTenant ? [license, tenant] : [license];
}
