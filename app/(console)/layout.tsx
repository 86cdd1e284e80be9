// Signed-in shell: verifies the session with the access service on every request, then renders
// the header, the navigation and the account menu around the page — or, while the person owes a second
// factor (required of them, none given in this session), only the step of adding one.
import Link from "next/link";
import { Providers } from "@/components/providers";
import { AccountMenu } from "@/components/console/account-menu";
import { ConsoleNav } from "@/components/console/nav";
import { SecondFactorOwed } from "@/components/security/second-factor-owed";
import { AuthCard } from "@/components/ui/auth-card";
import { ServiceUnavailable } from "@/components/ui/service-unavailable";
import { SkipLink } from "@/components/ui/skip-link";
import { requireUser } from "@/lib/server/session";

export default async function ConsoleLayout({ children }: { children: React.ReactNode }) {
  const current = await requireUser();
  if (current.status === "unavailable") {
    return (
      <AuthCard title="Tessera">
        <ServiceUnavailable action="show the console" />
      </AuthCard>
    );
  }
  const { user } = current;
  return (
    <Providers viewer={{ id: user.id, role: user.role }}>
      <SkipLink />
      <header className="bg-indigo-900 text-white print:hidden">
        <div className="mx-auto flex max-w-7xl items-center justify-between px-4 py-3">
          <Link href="/" className="rounded-md px-2 py-1 text-lg font-bold tracking-tight">
            Tessera
          </Link>
          <AccountMenu user={{ name: user.name, email: user.email, role: user.role }} />
        </div>
      </header>
      <div className="mx-auto flex max-w-7xl flex-col gap-6 px-4 py-6 md:flex-row">
        {current.secondFactorOwed ? null : <ConsoleNav />}
        <main id="main" tabIndex={-1} className="min-w-0 flex-1 focus:outline-none">
          {current.secondFactorOwed ? <SecondFactorOwed owed={current.secondFactorOwed} /> : children}
        </main>
      </div>
    </Providers>
  );
}
