// An OAuth client as the console shows it (no tenant or creator ids): the shape lib/server/oauth-clients.ts
// returns and the browser's components render, so client code needs no import of lib/server.
import type { ListOAuthClientsResponse } from "@/contracts/oauth-api";

export type OAuthClientStatus = "active" | "revoked";

/** One OAuth client as the console shows it; `id` is the client_id a component sends. */
export type OAuthClientView = {
  id: string;
  name: string;
  certIdentity: string;
  scopes: string[];
  tokenTtlSeconds: number;
  createdAt: string;
  revokedAt: string | null;
  /** The legitimate interest declared at registration. */
  purpose: string | null;
  status: OAuthClientStatus;
};

export type OAuthClientLimits = ListOAuthClientsResponse["limits"];
export type OAuthClientList = { clients: OAuthClientView[]; limits: OAuthClientLimits };
