"use client";
// The Tokens area: every token the person may see across licenses — search by name or prefix, filters by
// status, license, tenant (platform administrators) and expiry, cursor pages — with the row actions of a
// license's tokens table (the same columns and dialogs). Search, filters and pages live in the address
// (url-state.ts), except a whole token: typed into the search it is neither sent nor written there
// (whole-token-guard.tsx, shared with the license's tokens table).
import { useState } from "react";
import { useTenantList } from "@/components/tenants/tenant-queries";
import { tokenExpiryWindowLabels, tokenExpiryWindows, tokenStatuses, tokenStatusLabels, type TokenExpiryWindow, type TokenListRow, type TokenStatus } from "@/contracts/token-api";
import { DataTable } from "@/components/ui/data-table";
import { Pagination, useTablePages } from "@/components/ui/pagination";
import { ExportLink, FilterSelect, SearchBox, TableToolbar } from "@/components/ui/table-toolbar";
import { useUrlParam } from "@/components/ui/url-state";
import { useMayCall, useViewer } from "@/components/viewer";
import { withQuery } from "@/lib/with-query";
import { LicenseFilter } from "./license-filter";
import { TokenActionDialogs, type TokenDialog } from "./token-action-dialogs";
import { licenseColumns, tokenColumns } from "./token-columns";
import { useAllTokens } from "./token-queries";
import { useTokenSearch, WholeTokenNotice } from "./whole-token-guard";

const statusOptions = tokenStatuses.map((s) => ({ value: s, label: tokenStatusLabels[s] }));
const expiryOptions = tokenExpiryWindows.map((w) => ({ value: w, label: tokenExpiryWindowLabels[w] }));

export function TokensArea() {
  const isPlatform = useViewer().role === "platform_admin";
  const canManage = useMayCall("POST /v1/tokens/:id/revoke");
  const [status, setStatus] = useUrlParam("status");
  const [tenantId, setTenantId] = useUrlParam("tenant");
  const [licenseId, setLicenseId] = useUrlParam("license");
  const [expiresWithin, setExpiresWithin] = useUrlParam("expiry");
  const [dialog, setDialog] = useState<TokenDialog>(null);
  const pages = useTablePages(25);
  const changing = pages.resetting;
  const search = useTokenSearch("q", changing);

  const tenants = useTenantList({ limit: 100 }, isPlatform);
  const selection = {
    search: search.sent,
    status: (tokenStatuses as readonly string[]).includes(status) ? (status as TokenStatus) : undefined,
    tenantId: tenantId || undefined,
    licenseId: licenseId || undefined,
    expiresWithin: (tokenExpiryWindows as readonly string[]).includes(expiresWithin) ? (expiresWithin as TokenExpiryWindow) : undefined,
  };
  const list = useAllTokens({ ...selection, limit: pages.limit, cursor: pages.cursor });
  const columns = tokenColumns<TokenListRow>(canManage ? setDialog : null, licenseColumns(isPlatform));
  const filtered = Boolean(search.shown || status || tenantId || licenseId || expiresWithin);

  return (
    <div data-testid="tokens-area">
      <TableToolbar>
        <SearchBox label="Search tokens" placeholder="Name or prefix (tsr_…)" value={search.shown} onChange={search.setSearch} />
        <FilterSelect label="Status" value={status} onChange={changing(setStatus)} options={statusOptions} />
        {isPlatform ? (
          <FilterSelect
            label="Tenant"
            value={tenantId}
            onChange={changing((v: string) => {
              setTenantId(v);
              setLicenseId("");
            })}
            options={(tenants.data?.tenants ?? []).map((t) => ({ value: t.id, label: t.name }))}
          />
        ) : null}
        <LicenseFilter value={licenseId} onChange={changing(setLicenseId)} tenantId={tenantId} withTenant={isPlatform} />
        <FilterSelect label="Expiry" value={expiresWithin} onChange={changing(setExpiresWithin)} options={expiryOptions} allLabel="Any" />
        <ExportLink href={withQuery("/api/tokens/export", selection)} what="the tokens shown, every page" />
      </TableToolbar>
      {search.wholeToken ? <WholeTokenNotice isPlatform={isPlatform} lookupAbove /> : null}
      <DataTable
        caption="Tokens"
        columns={columns}
        rows={list.data?.tokens}
        rowKey={(t) => t.id}
        query={list}
        empty={{ title: "No tokens found", body: filtered ? "Try another search or clear the filters." : "Tokens created for any license you can see appear here." }}
      />
      {list.data?.tokens.length ? <Pagination label="Tokens" pages={pages} nextCursor={list.data.nextCursor} summary={`${list.data.total.toLocaleString("en-US")} tokens`} /> : null}
      {canManage ? <TokenActionDialogs dialog={dialog} onClose={() => setDialog(null)} /> : null}
    </div>
  );
}
