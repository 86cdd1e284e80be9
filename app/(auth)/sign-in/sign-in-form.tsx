"use client";
// The sign-in form: posts to next-auth's credentials callback without a full-page redirect,
// so the error stays on this page and focus moves to it.
import { useRef, useState, useTransition } from "react";
import { useRouter } from "next/navigation";
import { signIn } from "next-auth/react";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { Notice } from "@/components/ui/notice";
import { secondFactorsOf, signInErrorMessage } from "@/lib/auth/sign-in-errors";
import { SecondFactorForm } from "./second-factor-form";

export function SignInForm({ callbackUrl, initialError }: { callbackUrl: string; initialError: string | null }) {
  const router = useRouter();
  const [error, setError] = useState<string | null>(initialError);
  const [pending, startTransition] = useTransition();
  const errorRef = useRef<HTMLDivElement>(null);
  // Set once the password was right and a second factor is to come: the ways to complete it.
  const [factors, setFactors] = useState<string[] | null>(null);

  function onSubmit(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const data = new FormData(event.currentTarget);
    const email = String(data.get("email") ?? "");
    const password = String(data.get("password") ?? "");
    startTransition(async () => {
      setError(null);
      const result = await signIn("credentials", { email, password, redirect: false }).catch(() => undefined);
      if (result?.ok && !result.error) {
        router.replace(callbackUrl);
        router.refresh();
        return;
      }
      const second = secondFactorsOf(result?.error);
      if (second) return setFactors(second);
      setError(signInErrorMessage(result?.error ?? "unavailable") ?? "E-mail or password is incorrect.");
      requestAnimationFrame(() => errorRef.current?.focus());
    });
  }

  if (factors) {
    const restart = () => {
      setFactors(null);
      setError(signInErrorMessage("pending-sign-in-invalid"));
    };
    return <SecondFactorForm callbackUrl={callbackUrl} factors={factors} onRestart={restart} />;
  }

  return (
    <form onSubmit={onSubmit} method="post" noValidate className="space-y-4" aria-describedby={error ? "sign-in-error" : undefined}>
      {error ? (
        <div ref={errorRef} tabIndex={-1} className="focus:outline-none">
          <Notice tone="error" id="sign-in-error">
            {error}
          </Notice>
        </div>
      ) : null}
      <Field name="email" label="E-mail" type="email" autoComplete="username" required />
      <Field name="password" label="Password" type="password" autoComplete="current-password" required />
      <Button type="submit" disabled={pending} className="w-full">
        {pending ? "Signing in…" : "Sign in"}
      </Button>
    </form>
  );
}
