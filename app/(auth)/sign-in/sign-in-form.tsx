"use client";
// The sign-in form: posts to next-auth's credentials callback without a full-page redirect,
// so the error stays on this page and focus moves to it.
import { useRef, useState, useTransition } from "react";
import { useRouter } from "next/navigation";
import { signIn } from "next-auth/react";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { Notice } from "@/components/ui/notice";
import { signInErrorMessage } from "@/lib/auth/sign-in-errors";

export function SignInForm({ callbackUrl, initialError }: { callbackUrl: string; initialError: string | null }) {
  const router = useRouter();
  const [error, setError] = useState<string | null>(initialError);
  const [pending, startTransition] = useTransition();
  const errorRef = useRef<HTMLDivElement>(null);

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
      setError(signInErrorMessage(result?.error ?? "unavailable") ?? "E-mail or password is incorrect.");
      requestAnimationFrame(() => errorRef.current?.focus());
    });
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
