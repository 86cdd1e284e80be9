// How a district checks a certificate of destruction without trusting this console.
import { Panel } from "@/components/ui/panel";

export function VerifyCertificateHelp() {
  return (
    <Panel title="How to verify a certificate">
      <div className="mt-2 space-y-2 text-sm text-slate-800">
        <p>
          The signed JWS is the certificate; the PDF shows the same facts for filing. The JWS is signed (EdDSA) with the access service&apos;s
          signing key, whose public half is published at <code className="font-mono">/api/jwks</code> on this console (the access service&apos;s{" "}
          <code className="font-mono">/.well-known/jwks.json</code>). Any JOSE library verifies it, for instance with Node.js and <code className="font-mono">jose</code>:
        </p>
        <pre className="max-w-full whitespace-pre-wrap break-all rounded-md bg-slate-900 p-3 text-xs text-slate-100">
          {`import { createRemoteJWKSet, jwtVerify } from "jose";
const jwks = createRemoteJWKSet(new URL("https://<this console>/api/jwks"));
const { payload } = await jwtVerify(fs.readFileSync("certificate.jws", "utf8").trim(), jwks,
  { typ: "tessera-disposition+jwt" });
console.log(payload.district, payload.parts, payload.tessera, payload.auditEventIds);`}
        </pre>
        <p>
          The claims name the request, the district, each component&apos;s acknowledgement, what Tessera destroyed and kept, and the ids of the audit
          events of every step, which the audit log shows and its exported chain segment proves.
        </p>
      </div>
    </Panel>
  );
}
