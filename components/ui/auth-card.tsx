// Centered card used by the public pages (sign-in, setup, session messages).
import { SkipLink } from "./skip-link";

export function AuthCard({ title, intro, children }: { title: string; intro?: React.ReactNode; children: React.ReactNode }) {
  return (
    <>
      <SkipLink />
      <header className="px-6 pt-8 text-center">
        <p className="text-lg font-bold tracking-tight text-indigo-800">Tessera</p>
      </header>
      <main id="main" tabIndex={-1} className="mx-auto w-full max-w-md px-4 py-8 focus:outline-none">
        <div className="rounded-xl border border-slate-200 bg-white p-6 shadow-sm sm:p-8">
          <h1 className="text-2xl font-semibold tracking-tight">{title}</h1>
          {intro ? <div className="mt-2 text-sm text-slate-700">{intro}</div> : null}
          <div className="mt-6">{children}</div>
        </div>
      </main>
    </>
  );
}
