// The environment each process starts with: built from scratch, never inherited, so that no process
// holds another zone's settings. The web tier gets its client certificate, the CA and its revocation list,
// the access service's URL and its session secret — no database URL, no storage, signing or audit key. Of the
// operator's own settings each process gets only those it declares (process-settings.ts).
import type { CertificateUsage } from "../../contracts/tls-policy";
import type { HomeLayout } from "../home";
import { settingsFor } from "./process-settings";

type Env = Record<string, string>;

const baseEnv = (): Env => ({
  PATH: process.env.PATH ?? "/usr/bin:/bin",
  HOME: process.env.HOME ?? "/tmp",
  LANG: process.env.LANG ?? "C.UTF-8",
});

/** The operator's environment the launcher was started with (or a test's stand-in). */
type OperatorEnv = Record<string, string | undefined>;

/**
 * A process's own certificate (TLS_CERT_FILE/TLS_KEY_FILE: the server one for a service, the client one for
 * the web tier), the CA and its revocation list. Certificates hold no secret; keys are mode 0600.
 */
const tlsFor = (layout: HomeLayout, identity: string, usage: CertificateUsage): Env => ({
  TLS_CA_FILE: layout.pki.caCert,
  TLS_CERT_FILE: layout.pki.cert(identity, usage),
  TLS_KEY_FILE: layout.pki.key(identity, usage),
  TLS_CRL_FILE: layout.pki.crl,
});

export function auditEnv(layout: HomeLayout, o: { host: string; port: number; databaseUrl?: string; settings?: OperatorEnv }): Env {
  return {
    ...baseEnv(),
    ...settingsFor("audit", o.settings ?? {}),
    ...tlsFor(layout, "audit", "server"),
    AUDIT_HOST: o.host,
    AUDIT_PORT: String(o.port),
    AUDIT_DATA_DIR: layout.auditDir,
    ...(o.databaseUrl ? { AUDIT_DATABASE_URL: o.databaseUrl } : {}),
  };
}

export function accessEnv(
  layout: HomeLayout,
  o: { host: string; port: number; databaseUrl?: string; auditUrl: string; publicUrl: string; settings?: OperatorEnv; extra?: Record<string, string> },
): Env {
  return {
    ...baseEnv(),
    ...settingsFor("access", o.settings ?? {}),
    ...tlsFor(layout, "access", "server"),
    // Access also calls audit, with a certificate of its own for that (clientAuth only).
    TLS_CLIENT_CERT_FILE: layout.pki.cert("access", "client"),
    TLS_CLIENT_KEY_FILE: layout.pki.key("access", "client"),
    // The CA's index (public facts only), for the Security page's certificate list.
    TLS_CERTIFICATE_INDEX_FILE: layout.pki.index,
    ACCESS_HOST: o.host,
    ACCESS_PORT: String(o.port),
    ACCESS_DATA_DIR: layout.accessDir,
    AUDIT_URL: o.auditUrl,
    TESSERA_PUBLIC_URL: o.publicUrl,
    ...(o.databaseUrl ? { ACCESS_DATABASE_URL: o.databaseUrl } : {}),
    ...o.extra,
  };
}

export function webEnv(layout: HomeLayout, o: { accessUrl: string; publicUrl: string; sessionSecret: string; settings?: OperatorEnv }): Env {
  return {
    ...baseEnv(),
    ...settingsFor("web", o.settings ?? {}),
    ...tlsFor(layout, "web", "client"),
    NODE_ENV: "production",
    NEXT_TELEMETRY_DISABLED: "1",
    ACCESS_URL: o.accessUrl,
    NEXTAUTH_URL: o.publicUrl,
    NEXTAUTH_SECRET: o.sessionSecret,
  };
}
