"use client";
// A token's page: what it is, what it grants now, who created it and when it was last used; who revoked it
// and when; its usage over time; rotate and revoke for those who may manage tokens.
import { useState } from "react";
import Link from "next/link";
import type { TokenDto } from "@/contracts/token-api";
import { PageHeader } from "@/components/console/page-header";
import { BackLink, RecordPage } from "@/components/console/record-page";
import { Button } from "@/components/ui/button";
import { DetailsList, type DetailRow } from "@/components/ui/details-list";
import { Panel } from "@/components/ui/panel";
import { useMayCall } from "@/components/viewer";
import { formatDateTime } from "@/lib/format";
import { TokenActionDialogs, type TokenDialog } from "./token-action-dialogs";
import { isLive, useToken } from "./token-queries";
import { personLabel, ScopeChips, TokenStatus } from "./token-status";
import { TokenUsagePanel } from "./usage-panels";

const back = <BackLink href="/tokens">Tokens</BackLink>;

export function TokenView({ id }: { id: string }) {
  const token = useToken(id);
  return (
    <RecordPage query={token} noun="token" back={back} notFound="There is no token with this id that you can see.">
      {(t) => <TokenRecord token={t} />}
    </RecordPage>
  );
}

function TokenRecord({ token: t }: { token: TokenDto }) {
  const canManage = useMayCall("POST /v1/tokens/:id/revoke");
  const [dialog, setDialog] = useState<TokenDialog>(null);
  const licenseBack = <BackLink href={`/licenses/${t.licenseId}`}>License {t.licenseId}</BackLink>;
  return (
    <section aria-labelledby="page-title" className="space-y-6">
      <PageHeader
        back={licenseBack}
        title={t.name}
        summary={
          <span className="flex flex-wrap items-center gap-2">
            <code className="font-mono text-sm" data-testid="token-prefix">
              {t.displayPrefix}…
            </code>
            <TokenStatus token={t} />
          </span>
        }
        actions={
          canManage && isLive(t) ? (
            <>
              <Button type="button" variant="secondary" onClick={() => setDialog({ kind: "rotate", token: t })}>
                Rotate
              </Button>
              <Button type="button" variant="danger" onClick={() => setDialog({ kind: "revoke", token: t })}>
                Revoke
              </Button>
            </>
          ) : null
        }
      />
      {t.status === "revoked" ? <RevokedPanel token={t} /> : null}
      <div className="grid gap-6 lg:grid-cols-2">
        <Panel title="Details">
          <DetailsList rows={detailRows(t)} className="mt-3 text-sm" />
        </Panel>
        <Panel title="Scopes">
          <div className="mt-3 space-y-3 text-sm">
            <div>
              <p className="font-medium text-slate-700">Created with</p>
              <ScopeChips scopes={t.scopes} label="Scopes it was created with" />
            </div>
            <div data-testid="token-effective-scopes">
              <p className="font-medium text-slate-700">Grants now</p>
              <ScopeChips scopes={t.effectiveScopes} label="Scopes it grants now" />
              {t.status === "active" && !t.licenseActive ? <p className="mt-1 text-slate-700">Nothing while its license is not active.</p> : null}
            </div>
          </div>
        </Panel>
      </div>
      <TokenUsagePanel tokenId={t.id} />
      {canManage ? <TokenActionDialogs dialog={dialog} onClose={() => setDialog(null)} /> : null}
    </section>
  );
}

function detailRows(t: TokenDto): DetailRow[] {
  const rows: DetailRow[] = [
    ["Token id", <code key="id" className="font-mono">{t.id}</code>],
    ["License", <Link key="lic" href={`/licenses/${t.licenseId}`} className="font-mono text-indigo-800 underline">{t.licenseId}</Link>],
    ["Created", <><time dateTime={t.createdAt}>{formatDateTime(t.createdAt)}</time> by {personLabel(t.createdBy, t.clientId ? `OAuth client ${t.clientId}` : "an unknown person")}</>],
    ["Expires", <time key="exp" dateTime={t.expiresAt}>{formatDateTime(t.expiresAt)}</time>],
    ["Last used", t.lastUsedAt ? <time key="used" dateTime={t.lastUsedAt}>{formatDateTime(t.lastUsedAt)}</time> : "Never"],
  ];
  rows.push(["Legitimate interest", t.purpose ?? "Not declared"]);
  if (t.clientId) rows.push(["OAuth client", <code key="cli" className="font-mono">{t.clientId}</code>]);
  if (t.rotatedFromId) rows.push(["Replaces", <Link key="rot" href={`/tokens/${t.rotatedFromId}`} className="font-mono text-indigo-800 underline">{t.rotatedFromId}</Link>]);
  return rows;
}

const revokeReasons: Record<string, string> = {
  revoked: "Revoked on its own",
  "revoke-all": "Revoked with all the license's tokens",
  "oauth-revoke": "Revoked by a component (OAuth revocation)",
  leaked: "Revoked because it leaked",
  "leak-reported": "Revoked at once when a secret scanner reported it leaked (where: the audit log)",
};

function RevokedPanel({ token: t }: { token: TokenDto }) {
  const rows: DetailRow[] = [
    ["Revoked", t.revokedAt ? <time key="at" dateTime={t.revokedAt}>{formatDateTime(t.revokedAt)}</time> : "Unknown"],
    ["Revoked by", personLabel(t.revokedBy, t.revokeReason === "oauth-revoke" ? "a component" : t.revokeReason === "leak-reported" ? "a secret scanner" : "Unknown")],
  ];
  if (t.revokeReason) rows.push(["How", revokeReasons[t.revokeReason] ?? t.revokeReason]);
  return (
    <div className="rounded-lg border border-red-300 bg-red-50 p-4 text-red-950" data-testid="token-revoked">
      <h2 className="text-lg font-semibold">This token is revoked</h2>
      <p className="text-sm">It is refused everywhere and cannot be brought back.</p>
      <DetailsList rows={rows} className="mt-3 text-sm" />
    </div>
  );
}
