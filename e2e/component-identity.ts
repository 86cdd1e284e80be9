// An internal component for the browser specs: a certificate for `identity` issued by the running system's
// own CA (found through the web process's environment, as web-process-environment.spec.ts reads it) and an
// mTLS client to the access service presenting it; null when the system was started outside this run.
import fs from "node:fs";
import path from "node:path";
import { loadCa } from "../cli/pki/certificate-authority";
import { issueCertificate } from "../cli/pki/issue-certificate";
import { pkiFiles } from "../cli/home";
import { createMtlsClient } from "../services/common/http/mtls-client";

export type ComponentClient = ReturnType<typeof createMtlsClient>;

export async function componentClient(identity: string): Promise<ComponentClient | null> {
  const pid = process.env.TESSERA_E2E_WEB_PID;
  if (!pid) return null;
  const env = Object.fromEntries(
    fs.readFileSync(`/proc/${pid}/environ`, "utf8").split("\0").filter(Boolean).map((kv) => [kv.slice(0, kv.indexOf("=")), kv.slice(kv.indexOf("=") + 1)]),
  );
  const files = pkiFiles(path.dirname(path.dirname(env.TLS_CERT_FILE!)));
  await issueCertificate(await loadCa(files), files, identity, { hours: 1 });
  return createMtlsClient(env.ACCESS_URL!, { ca: fs.readFileSync(files.caCert), cert: fs.readFileSync(files.cert(identity)), key: fs.readFileSync(files.key(identity)) });
}

/** RFC 7662 introspection as the component: whether the token is active for it. */
export async function introspectAs(client: ComponentClient, token: string): Promise<boolean> {
  const res = await client.raw<{ active: boolean }>("POST", "/oauth/introspect", new URLSearchParams({ token }).toString(), { "content-type": "application/x-www-form-urlencoded" });
  if (res.status !== 200) throw new Error(`introspection answered ${res.status}`);
  return res.body.active;
}
