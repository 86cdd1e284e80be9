// OAuth test helpers: OAuth clients registered through the API, and oauth4webapi (a client library nobody
// here wrote) speaking to the access service over mTLS with a given identity's certificate.
import { X509Certificate } from "node:crypto";
import * as oauth from "oauth4webapi";
import { Agent, fetch as undiciFetch } from "undici";
import type { OAuthClientDto, RegisterOAuthClientRequest } from "../../contracts/oauth-api";
import { certThumbprint } from "../../services/access/domain/oauth/cert-thumbprint";
import type { AccessHarness } from "./start-access-service";
import { authorization, type SignedInPerson } from "./tenant-fixtures";

/** Registers an OAuth client through POST /v1/licenses/:id/oauth-clients as `person`; throws unless 201. */
export async function registerClientViaApi(h: AccessHarness, person: SignedInPerson, licenseId: string, input: RegisterOAuthClientRequest): Promise<OAuthClientDto> {
  const web = await h.as("web");
  const res = await web.json<{ client: OAuthClientDto }>("POST", `/v1/licenses/${licenseId}/oauth-clients`, input, authorization(person));
  if (res.status !== 201) throw new Error(`register OAuth client failed with ${res.status}: ${JSON.stringify(res.body)}`);
  return res.body.client;
}

export type OAuthComponent = {
  /** Options for every oauth4webapi call: its fetch goes over mTLS with this identity's certificate. */
  options: { [oauth.customFetch]: (url: string, init: oauth.CustomFetchOptions<string, unknown>) => Promise<Response> };
  /** RFC 8705 thumbprint of the certificate this component presents. */
  thumbprint: string;
  close(): Promise<void>;
};

/** An internal component holding `identity`'s certificate (issued by the harness's CA on first use). */
export async function oauthComponent(h: AccessHarness, identity: string): Promise<OAuthComponent> {
  await h.as(identity); // issues the certificate once
  const tls = await h.pki.client(identity);
  const agent = new Agent({ connect: { ca: tls.ca, cert: tls.cert, key: tls.key, minVersion: "TLSv1.3" } });
  const customFetch = async (url: string, init: oauth.CustomFetchOptions<string, unknown>) => {
    const res = await undiciFetch(url, { method: init.method, headers: init.headers, body: init.body as string | URLSearchParams | undefined, redirect: init.redirect, signal: init.signal, dispatcher: agent });
    // undici's Response is the same implementation as Node's global one; rebuild it for the library's type checks.
    return new Response(await res.arrayBuffer(), { status: res.status, statusText: res.statusText, headers: Object.fromEntries(res.headers) });
  };
  return {
    options: { [oauth.customFetch]: customFetch },
    thumbprint: certThumbprint(new X509Certificate(tls.cert).raw),
    close: () => agent.close(),
  };
}

/** RFC 8414 discovery through oauth4webapi: the processed metadata of the harness's access service. */
export async function discover(h: AccessHarness, component: OAuthComponent): Promise<oauth.AuthorizationServer> {
  const issuer = new URL(h.url);
  const response = await oauth.discoveryRequest(issuer, { ...component.options, algorithm: "oauth2" });
  return oauth.processDiscoveryResponse(issuer, response);
}

/** A form-encoded POST to /oauth/token as `identity`, answering status and parsed JSON body. */
export async function tokenRequestAs(h: AccessHarness, identity: string, fields: Record<string, string>) {
  const client = await h.as(identity);
  return client.raw<Record<string, unknown>>("POST", "/oauth/token", new URLSearchParams(fields).toString(), { "content-type": "application/x-www-form-urlencoded" });
}
