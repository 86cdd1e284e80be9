"use client";
// A platform administrator's "Find a leaked token": paste the token (or its prefix), land on it, revoke it
// as leaked in one confirmed step. The text is sent in a POST body only — never in the address, the
// query cache or the browser's history — and cleared from the field once found.
import { useState } from "react";
import Link from "next/link";
import type { TokenListRow } from "@/contracts/token-api";
import type { LookupTokenResponse } from "@/contracts/token-leak-api";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { Panel } from "@/components/ui/panel";
import { isApiError } from "@/lib/client/api-fetch";
import { formatDateTime } from "@/lib/format";
import { TokenActionDialogs, type TokenDialog } from "./token-action-dialogs";
import { isLive, lookupToken } from "./token-queries";
import { TokenStatus } from "./token-status";

export function LeakedTokenLookup() {
  const [value, setValue] = useState("");
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string[] | undefined>();
  const [found, setFound] = useState<LookupTokenResponse | null>(null);
  const [dialog, setDialog] = useState<TokenDialog>(null);

  async function submit() {
    if (!value.trim()) {
      setError(["Paste a token or its prefix."]);
      return;
    }
    setPending(true);
    setError(undefined);
    try {
      const result = await lookupToken(value);
      setFound(result);
      setValue(""); // the pasted secret leaves the page as soon as it has done its job
    } catch (e) {
      setFound(null);
      setError([isApiError(e) ? (e.fieldErrors?.value?.[0] ?? e.message) : "The lookup failed. Try again in a moment."]);
    } finally {
      setPending(false);
    }
  }

  return (
    <Panel title="Find a leaked token">
      <p className="mt-1 text-sm text-slate-700">
        Paste a token found where it should not be (or the prefix a list shows). Its checksum is checked first, then it is found by its digest; it is never put in an
        address or a log.
      </p>
      <form
        className="mt-3 flex flex-col gap-3 sm:flex-row sm:items-end"
        onSubmit={(e) => {
          e.preventDefault();
          void submit();
        }}
        data-testid="leak-lookup"
      >
        <div className="min-w-0 flex-1">
          <Field
            name="value"
            id="leak-lookup-value"
            label="Token or prefix"
            type="password"
            autoComplete="off"
            spellCheck={false}
            value={value}
            onChange={(e) => setValue(e.target.value)}
            errors={error}
            hint="tsr_ and 49 characters, or tsr_ and 8."
          />
        </div>
        <Button type="submit" disabled={pending}>
          {pending ? "Finding…" : "Find token"}
        </Button>
      </form>
      {found ? <LookupResult found={found} onRevoke={(t) => setDialog({ kind: "revoke", token: t, reason: "leaked" })} /> : null}
      <TokenActionDialogs
        dialog={dialog}
        onClose={() => setDialog(null)}
        onRevoked={(t) => setFound((f) => (f ? { ...f, matches: f.matches.map((m) => (m.id === t.id ? { ...m, ...t } : m)) } : f))}
      />
    </Panel>
  );
}

function LookupResult({ found, onRevoke }: { found: LookupTokenResponse; onRevoke: (t: TokenListRow) => void }) {
  return (
    <div className="mt-4 space-y-3" role="status" data-testid="leak-lookup-result">
      <p className="text-sm font-medium">
        {found.by === "token" ? "This token is Tessera's:" : `${found.matches.length} token${found.matches.length === 1 ? "" : "s"} with this prefix:`}
      </p>
      <ul className="space-y-3">
        {found.matches.map((t) => (
          <li key={t.id} className="rounded-md border border-slate-300 p-3">
            <div className="flex flex-col gap-3 sm:flex-row sm:items-start sm:justify-between">
              <dl className="grid min-w-0 grid-cols-[auto_1fr] gap-x-3 gap-y-1 text-sm">
                <dt className="text-slate-600">Token</dt>
                <dd className="min-w-0 break-words">
                  <Link href={`/tokens/${t.id}`} className="font-mono text-indigo-800 underline">
                    {t.displayPrefix}…
                  </Link>{" "}
                  {t.name}
                </dd>
                <dt className="text-slate-600">Tenant</dt>
                <dd className="break-words">{t.tenant.name}</dd>
                <dt className="text-slate-600">License</dt>
                <dd className="break-words">
                  <Link href={`/licenses/${t.license.id}`} className="text-indigo-800 underline">
                    {t.license.component.name}
                  </Link>
                </dd>
                <dt className="text-slate-600">Expires</dt>
                <dd>
                  <time dateTime={t.expiresAt}>{formatDateTime(t.expiresAt)}</time>
                </dd>
                <dt className="text-slate-600">Status</dt>
                <dd>
                  <TokenStatus token={t} />
                </dd>
              </dl>
              {isLive(t) ? (
                <Button type="button" variant="danger" onClick={() => onRevoke(t)} aria-label={`Revoke ${t.name} as leaked`}>
                  Revoke as leaked
                </Button>
              ) : null}
            </div>
          </li>
        ))}
      </ul>
    </div>
  );
}
