"use client";
// What the console shows a person who must have a second factor (every platform administrator; a tenant's
// people when it requires one) and has given none in this session. Without a factor: the step of adding a
// passkey or an authenticator app — the same section as on the Security page — and, once one is added
// (which gives it in this session), the way on. With one (this session was opened before it was added, or
// before it was required): confirming it, through the step-up dialog. The access service answers nothing
// else of the session until then.
import { useState } from "react";
import { PageHeader } from "@/components/console/page-header";
import { Button } from "@/components/ui/button";
import { requestStepUp } from "@/lib/client/step-up";
import { TwoFactorSection, useOwnFactors } from "./two-factor-section";

export function SecondFactorOwed({ owed }: { owed: "add" | "give" }) {
  return owed === "give" ? <GiveFactor /> : <AddFactor />;
}

function AddFactor() {
  const factors = useOwnFactors();
  const added = (factors.data?.factors.length ?? 0) > 0;
  return (
    <section aria-labelledby="page-title" className="space-y-6">
      <PageHeader
        title="Add a second factor"
        summary="Your account must sign in with a passkey or an authenticator app as well as your password. Add one to go on; you will be asked for it each time you sign in."
      />
      <TwoFactorSection />
      {added ? (
        // A full load, not a client navigation (which keeps the shell): the shell asks the access service again.
        <Button type="button" onClick={() => window.location.assign("/")}>
          Continue to the console
        </Button>
      ) : null}
    </section>
  );
}

function GiveFactor() {
  const [refused, setRefused] = useState(false);
  async function confirm() {
    setRefused(false);
    if (await requestStepUp()) window.location.reload();
    else setRefused(true);
  }
  return (
    <section aria-labelledby="page-title" className="space-y-6">
      <PageHeader
        title="Confirm it is you"
        summary="Your account must use its second factor in every session. Confirm it is you with your passkey or authenticator app to go on."
      />
      {refused ? <p role="alert">Nothing was confirmed. Try again, or sign out and sign in with your second factor.</p> : null}
      <Button type="button" onClick={() => void confirm()}>
        Confirm it is you
      </Button>
    </section>
  );
}
