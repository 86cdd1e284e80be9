"use client";
// A license's OAuth clients: the internal components that get their own certificate-bound tokens with the
// client-credentials grant over mTLS. "Register OAuth client" and revoke for those who may manage tokens.
import { useState } from "react";
import type { LicenseDetail } from "@/contracts/license-api";
import { Button } from "@/components/ui/button";
import { DataTable } from "@/components/ui/data-table";
import { useMayCall } from "@/components/viewer";
import type { OAuthClientView } from "@/lib/views/oauth-client-view";
import { oauthClientColumns } from "./oauth-client-columns";
import { useOAuthClients } from "./oauth-client-queries";
import { OAuthClientsHelp } from "./oauth-clients-help";
import { RegisterOAuthClientDialog } from "./register-oauth-client-dialog";
import { RevokeOAuthClientDialog } from "./revoke-oauth-client-dialog";

export function OAuthClientsSection({ license }: { license: LicenseDetail }) {
  // The access service asks for the same permission as for writing tokens.
  const canManage = useMayCall("POST /v1/licenses/:id/oauth-clients");
  const [registering, setRegistering] = useState(false);
  const [revoking, setRevoking] = useState<OAuthClientView | null>(null);
  const list = useOAuthClients(license.id);
  const limits = list.data?.limits;
  const noScopes = limits ? limits.scopes.length === 0 : false;
  const writable = canManage && license.status !== "revoked";

  return (
    <section aria-labelledby="oauth-clients-title" className="rounded-lg border border-slate-200 bg-white p-4" data-testid="oauth-clients-section">
      <div className="flex flex-col gap-3 sm:flex-row sm:items-start sm:justify-between">
        <div className="min-w-0">
          <h2 id="oauth-clients-title" className="text-lg font-semibold">
            OAuth clients
          </h2>
          <p className="text-sm text-slate-700">
            Internal components that get their own tokens with their certificate (<code className="font-mono">POST /oauth/token</code>, client
            credentials over mutual TLS).
          </p>
        </div>
        {writable ? (
          <Button type="button" className="shrink-0" onClick={() => setRegistering(true)} disabled={!limits || noScopes}>
            Register OAuth client
          </Button>
        ) : null}
      </div>
      {license.status === "revoked" ? (
        <p className="mt-2 text-sm text-slate-700">The license is revoked, so its clients can get no tokens, for good.</p>
      ) : license.status !== "active" ? (
        <p className="mt-2 text-sm text-slate-700">While the license is not active its clients get no tokens and their tokens are refused.</p>
      ) : null}
      {writable && noScopes ? <p className="mt-2 text-sm text-slate-700">This license carries no scopes now, so there is nothing a client could be given.</p> : null}

      <div className="mt-4">
        <DataTable
          caption="OAuth clients"
          columns={oauthClientColumns(license.status, canManage ? setRevoking : null)}
          rows={list.data?.clients}
          rowKey={(c) => c.id}
          query={list}
          empty={{ title: "No OAuth clients yet", body: <OAuthClientsHelp /> }}
        />
      </div>

      {writable && limits ? <RegisterOAuthClientDialog licenseId={license.id} limits={limits} open={registering} onClose={() => setRegistering(false)} /> : null}
      {canManage ? <RevokeOAuthClientDialog client={revoking} onClose={() => setRevoking(null)} /> : null}
    </section>
  );
}
