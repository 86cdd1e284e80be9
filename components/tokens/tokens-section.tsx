"use client";
// A license's tokens: search (a whole token refused: whole-token-guard.tsx), status filter and pages;
// "New token", rotate and revoke per token, and "Revoke all tokens" for those who may manage them.
import { useState } from "react";
import type { LicenseDetail } from "@/contracts/license-api";
import { tokenStatuses, tokenStatusLabels, type TokenStatus as Status } from "@/contracts/token-api";
import { Button } from "@/components/ui/button";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { DataTable } from "@/components/ui/data-table";
import { Pagination, useTablePages } from "@/components/ui/pagination";
import { ExportLink, FilterSelect, SearchBox, TableToolbar } from "@/components/ui/table-toolbar";
import { useUrlParam } from "@/components/ui/url-state";
import { useMayCall, useViewer } from "@/components/viewer";
import { useApiAction } from "@/lib/client/use-api-action";
import { seg, withQuery } from "@/lib/with-query";
import { CreateTokenDialog } from "./create-token-dialog";
import { TokenActionDialogs, type TokenDialog } from "./token-action-dialogs";
import { tokenColumns } from "./token-columns";
import { revokeAllTokens, tokenKeys, useTokenList } from "./token-queries";
import { useTokenSearch, WholeTokenNotice } from "./whole-token-guard";

const statusOptions = tokenStatuses.map((s) => ({ value: s, label: tokenStatusLabels[s] }));

export function TokensSection({ license }: { license: LicenseDetail }) {
  const canManage = useMayCall("POST /v1/licenses/:id/tokens");
  const isPlatform = useViewer().role === "platform_admin";
  const [status, setStatus] = useUrlParam("tokens.status");
  const [creating, setCreating] = useState(false);
  const [revokingAll, setRevokingAll] = useState(false);
  const [dialog, setDialog] = useState<TokenDialog>(null);
  const pages = useTablePages(25, "tokens");
  const search = useTokenSearch("tokens.q", pages.resetting);
  const selection = { search: search.sent, status: (tokenStatuses as readonly string[]).includes(status) ? (status as Status) : undefined };
  const list = useTokenList(license.id, { ...selection, limit: pages.limit, cursor: pages.cursor });
  const revokeAll = useApiAction({
    run: () => revokeAllTokens(license.id),
    success: (r) => `${r.revoked.toLocaleString("en-US")} token${r.revoked === 1 ? "" : "s"} revoked.`,
    failure: "The tokens were not revoked.",
    invalidate: [tokenKeys.all],
    onSuccess: () => setRevokingAll(false),
  });

  const limits = list.data?.limits;
  const atCap = limits ? limits.maxLiveTokens > 0 && limits.liveTokens >= limits.maxLiveTokens : false;
  const licenseActive = license.status === "active";
  const columns = tokenColumns(canManage ? setDialog : null);

  return (
    <section aria-labelledby="tokens-title" className="rounded-lg border border-slate-200 bg-white p-4" data-testid="tokens-section">
      <div className="flex flex-col gap-3 sm:flex-row sm:items-start sm:justify-between">
        <div className="min-w-0">
          <h2 id="tokens-title" className="text-lg font-semibold">
            Tokens
          </h2>
          <p className="text-sm text-slate-700">
            Scoped credentials that components present to use this license.
            {limits
              ? ` ${limits.liveTokens.toLocaleString("en-US")} made by people live${limits.maxLiveTokens > 0 ? ` of at most ${limits.maxLiveTokens.toLocaleString("en-US")}` : ""}; each OAuth client has a pool of its own.`
              : ""}
          </p>
        </div>
        {canManage && license.status !== "revoked" ? (
          <div className="flex shrink-0 flex-wrap gap-2">
            <Button type="button" onClick={() => setCreating(true)} disabled={!limits || !licenseActive || atCap}>
              New token
            </Button>
            <Button type="button" variant="danger" onClick={() => setRevokingAll(true)} disabled={!limits || limits.liveTokens === 0}>
              Revoke all tokens
            </Button>
          </div>
        ) : null}
      </div>
      {license.status === "revoked" ? (
        <p className="mt-2 text-sm text-slate-700">The license is revoked, so all its tokens are refused for good.</p>
      ) : canManage && !licenseActive ? (
        <p className="mt-2 text-sm text-slate-700">New tokens can be created only while the license is active; its tokens are refused until then.</p>
      ) : null}
      {canManage && licenseActive && atCap ? <p className="mt-2 text-sm text-slate-700">The tier&apos;s limit of live tokens is reached: revoke one before creating another.</p> : null}

      <div className="mt-4">
        <TableToolbar>
          <SearchBox label="Search tokens" placeholder="Name or prefix (tsr_…)" value={search.shown} onChange={search.setSearch} />
          <FilterSelect label="Token status" value={status} onChange={pages.resetting(setStatus)} options={statusOptions} />
          <ExportLink href={withQuery(`/api/licenses/${seg(license.id)}/tokens/export`, selection)} what="this license's tokens shown, every page" />
        </TableToolbar>
        {search.wholeToken ? <WholeTokenNotice isPlatform={isPlatform} lookupAbove={false} /> : null}
        <DataTable
          caption="Tokens"
          columns={columns}
          rows={list.data?.tokens}
          rowKey={(t) => t.id}
          query={list}
          empty={{ title: "No tokens found", body: search.shown || status ? "Try another search or clear the filter." : "Tokens created for this license appear here." }}
        />
        {list.data?.tokens.length ? (
          <Pagination label="Tokens" pages={pages} nextCursor={list.data.nextCursor} summary={`${list.data.total.toLocaleString("en-US")} tokens`} />
        ) : null}
      </div>

      {canManage && limits ? <CreateTokenDialog licenseId={license.id} limits={limits} open={creating} onClose={() => setCreating(false)} /> : null}
      {canManage ? (
        <>
          <TokenActionDialogs dialog={dialog} onClose={() => setDialog(null)} />
          <ConfirmDialog
            open={revokingAll}
            onClose={() => setRevokingAll(false)}
            onConfirm={() => revokeAll.mutate()}
            pending={revokeAll.isPending}
            title="Revoke all tokens?"
            description={`Every live token of this license (${limits?.liveTokens ?? 0}) stops working everywhere at once. The license itself stays as it is. This cannot be undone.`}
            confirmLabel="Revoke all tokens"
            typedConfirmation={license.id}
          />
        </>
      ) : null}
    </section>
  );
}
