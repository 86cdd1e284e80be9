"use client";
// The second step of signing in, shown after the right password for a person with a second factor: their
// passkey (offered first where enrolled), the current code from their authenticator app, or one of their
// recovery codes. The pending sign-in itself
// stays in an HttpOnly cookie (lib/auth/pending-sign-in-cookie.ts); this form only sends the code.
import { useRef, useState, useTransition } from "react";
import { useRouter } from "next/navigation";
import { signIn } from "next-auth/react";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { Notice } from "@/components/ui/notice";
import { signInErrorCode, signInErrorMessage } from "@/lib/auth/sign-in-errors";
import { isApiError } from "@/lib/client/api-fetch";
import { signWithPasskey } from "@/lib/client/passkeys";

export function SecondFactorForm({ callbackUrl, factors, onRestart }: { callbackUrl: string; factors: string[]; onRestart: () => void }) {
  const router = useRouter();
  const [useRecovery, setUseRecovery] = useState(!factors.includes("totp"));
  const [error, setError] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();
  const errorRef = useRef<HTMLDivElement>(null);

  const hasPasskey = factors.includes("passkey");
  const hasCodes = factors.includes("totp") || factors.includes("recovery-code");
  const showError = (message: string) => {
    setError(message);
    requestAnimationFrame(() => errorRef.current?.focus());
  };

  function onPasskey() {
    startTransition(async () => {
      setError(null);
      let answer;
      try {
        answer = await signWithPasskey("/api/sign-in/passkey-options");
      } catch (e) {
        if (isApiError(e) && e.status === 401) return onRestart();
        return showError(e instanceof Error ? e.message : "Your passkey could not be used.");
      }
      await complete({ passkey: JSON.stringify(answer) }, "That passkey was not accepted. Try again, or use another way.");
    });
  }

  async function complete(credentials: Record<string, string>, wrong: string) {
    const result = await signIn("credentials", { ...credentials, redirect: false }).catch(() => undefined);
    if (result?.ok && !result.error) {
      router.replace(callbackUrl);
      router.refresh();
      return;
    }
    if (result?.error === signInErrorCode.pendingGone) return onRestart();
    showError(result?.error === signInErrorCode.wrongFactor ? wrong : (signInErrorMessage(result?.error ?? "unavailable") ?? wrong));
  }

  function onSubmit(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const value = String(new FormData(event.currentTarget).get(useRecovery ? "recoveryCode" : "code") ?? "");
    startTransition(async () => {
      setError(null);
      const result = await signIn("credentials", { ...(useRecovery ? { recoveryCode: value } : { code: value }), redirect: false }).catch(() => undefined);
      if (result?.ok && !result.error) {
        router.replace(callbackUrl);
        router.refresh();
        return;
      }
      if (result?.error === signInErrorCode.pendingGone) return onRestart();
      setError(signInErrorMessage(result?.error ?? "unavailable") ?? "That code is not correct.");
      requestAnimationFrame(() => errorRef.current?.focus());
    });
  }

  return (
    <form onSubmit={onSubmit} method="post" noValidate className="space-y-4" aria-labelledby="second-factor-title" aria-describedby={error ? "second-factor-error" : undefined}>
      <h2 id="second-factor-title" className="text-base font-semibold text-slate-900">
        Two-factor authentication
      </h2>
      {error ? (
        <div ref={errorRef} tabIndex={-1} className="focus:outline-none">
          <Notice tone="error" id="second-factor-error">
            {error}
          </Notice>
        </div>
      ) : null}
      {hasPasskey ? (
        <>
          <Button type="button" onClick={onPasskey} disabled={pending} className="w-full" autoFocus>
            {pending ? "Waiting for your passkey…" : "Use your passkey"}
          </Button>
          {hasCodes ? <p className="text-center text-sm text-slate-600">or enter a code</p> : null}
        </>
      ) : null}
      {!hasCodes ? null : useRecovery ? (
        <Field key="recovery" name="recoveryCode" label="Recovery code" autoComplete="off" autoCapitalize="characters" spellCheck={false} required data-autofocus autoFocus={!hasPasskey} hint="One of the codes you saved when you set up two-factor authentication. Each works once." />
      ) : (
        <Field key="code" name="code" label="Code from your authenticator app" inputMode="numeric" autoComplete="one-time-code" pattern="[0-9 ]*" maxLength={7} required autoFocus={!hasPasskey} hint="The 6-digit code your app shows for Tessera now." />
      )}
      {hasCodes ? (
        <Button type="submit" variant={hasPasskey ? "secondary" : "primary"} disabled={pending} className="w-full">
          {pending ? "Checking…" : "Continue"}
        </Button>
      ) : null}
      <div className="flex flex-wrap justify-between gap-2 text-sm">
        {factors.includes("totp") && factors.includes("recovery-code") ? (
          <button type="button" className="rounded text-indigo-800 underline" onClick={() => { setError(null); setUseRecovery(!useRecovery); }}>
            {useRecovery ? "Use your authenticator app instead" : "Use a recovery code instead"}
          </button>
        ) : <span />}
        <button type="button" className="rounded text-indigo-800 underline" onClick={onRestart}>
          Start again
        </button>
      </div>
    </form>
  );
}
