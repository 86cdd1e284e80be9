"use client";
// Confirms revoking an OAuth client: it can no longer get tokens, and the tokens it obtained stop working.
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { tokenKeys } from "@/components/tokens/token-queries";
import { useApiAction } from "@/lib/client/use-api-action";
import type { OAuthClientView } from "@/lib/views/oauth-client-view";
import { oauthClientKeys, revokeOAuthClient } from "./oauth-client-queries";

export function RevokeOAuthClientDialog({ client, onClose }: { client: OAuthClientView | null; onClose: () => void }) {
  const revoke = useApiAction({
    run: (id: string) => revokeOAuthClient(id),
    success: (r) => `OAuth client ${r.client.name} revoked; ${r.revokedTokens.toLocaleString("en-US")} token${r.revokedTokens === 1 ? "" : "s"} stopped working.`,
    failure: "The OAuth client was not revoked.",
    // Its tokens are revoked with it, so the license's tokens table changes too.
    invalidate: [oauthClientKeys.all, tokenKeys.all],
    onSuccess: onClose,
  });
  return (
    <ConfirmDialog
      open={client !== null}
      onClose={onClose}
      onConfirm={() => client && revoke.mutate(client.id)}
      pending={revoke.isPending}
      title="Revoke this OAuth client?"
      description={
        client ? (
          <>
            <strong>{client.name}</strong> (<code className="font-mono">{client.id}</code>) can no longer get tokens, and every token it obtained stops
            working everywhere at once. The license and its other clients and tokens stay as they are. This cannot be undone.
          </>
        ) : null
      }
      confirmLabel="Revoke client"
    />
  );
}
