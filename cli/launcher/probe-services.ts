// The launcher's probes of the services it starts, made with the operator's certificate: the server must
// prove it is the service expected (its certificate names `audit` or `access`, and the CRL does not list
// it), so a process that took the port, or a stolen certificate, is never mistaken for a ready service.
import fs from "node:fs";
import { serviceIdentities } from "../../contracts/identities";
import { createMtlsClient, type MtlsClient } from "../../services/common/http/mtls-client";
import type { HomeLayout } from "../home";

export type ProbedService = typeof serviceIdentities.audit | typeof serviceIdentities.access;

async function withOperatorClient<T>(url: string, service: ProbedService, layout: HomeLayout, use: (client: MtlsClient) => Promise<T>): Promise<T> {
  const pki = layout.pki;
  const crl = fs.existsSync(pki.crl) ? fs.readFileSync(pki.crl) : undefined;
  const client = createMtlsClient(url, { ca: fs.readFileSync(pki.caCert), cert: fs.readFileSync(pki.cert("operator")), key: fs.readFileSync(pki.key("operator")), crl }, { serverIdentity: service, connections: 1 });
  try {
    return await use(client);
  } finally {
    await client.close();
  }
}

/** Whether `service` answers ready at `url`; throws when the server is not that service. */
export function serviceIsReady(url: string, service: ProbedService, layout: HomeLayout): Promise<boolean> {
  return withOperatorClient(url, service, layout, async (client) => (await client.json("GET", "/readyz")).status === 200);
}

/** Whether the access service still waits for its first administrator (it then logs the setup link). */
export function accessNeedsSetup(url: string, layout: HomeLayout): Promise<boolean> {
  return withOperatorClient(url, serviceIdentities.access, layout, async (client) => (await client.json<{ needsSetup: boolean }>("GET", "/v1/setup/status")).body?.needsSetup === true);
}
