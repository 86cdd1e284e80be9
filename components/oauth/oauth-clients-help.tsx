// What an OAuth client is and how a component uses one: shown when a license has none yet.
export function OAuthClientsHelp() {
  return (
    <div className="mx-auto max-w-prose space-y-2 text-left">
      <p>
        An OAuth client lets one of your internal components get its own short-lived tokens for this license. It holds no secret: it proves
        who it is with its mutual-TLS certificate, whose common name (CN) you register as its certificate identity.
      </p>
      <p>
        The component sends <code className="font-mono">POST /oauth/token</code> with <code className="font-mono">grant_type=client_credentials</code>{" "}
        and its <code className="font-mono">client_id</code>, over mutual TLS with that certificate. Each token it gets carries at most the
        client&apos;s scopes, lasts the client&apos;s token lifetime, and works only with that certificate.
      </p>
    </div>
  );
}
