// Account menu: who is signed in, their role, and sign-out. <details> keeps it keyboard-operable without script.
import { signOutAction } from "@/lib/actions/sign-out";
import type { Role } from "@/contracts/access-api";
import { roleLabels } from "@/contracts/permissions";

export function AccountMenu({ user }: { user: { name: string; email: string; role: Role } }) {
  return (
    <details className="relative">
      <summary className="flex cursor-pointer list-none items-center gap-2 rounded-md px-3 py-2 text-sm font-medium hover:bg-indigo-800 [&::-webkit-details-marker]:hidden">
        <span className="sr-only">Account menu for </span>
        <span data-testid="account-name">{user.name}</span>
        <span aria-hidden="true">▾</span>
      </summary>
      <div className="absolute right-0 z-20 mt-2 w-72 rounded-lg border border-slate-200 bg-white p-4 text-slate-900 shadow-lg">
        <p className="font-semibold">{user.name}</p>
        <p className="break-all text-sm text-slate-700">{user.email}</p>
        <p className="mt-1 text-sm text-slate-700">{roleLabels[user.role]}</p>
        <form action={signOutAction} className="mt-4">
          <button
            type="submit"
            className="w-full rounded-md border border-slate-400 bg-white px-3 py-2 text-sm font-semibold hover:bg-slate-100"
          >
            Sign out
          </button>
        </form>
      </div>
    </details>
  );
}
