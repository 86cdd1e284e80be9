// Dashboard home: a greeting, the figures the person may see, and a map of the console's areas.
import type { Metadata } from "next";
import Link from "next/link";
import { FailingChecksPanel } from "@/components/compliance/failing-checks-panel";
import { DashboardFigures } from "@/components/dashboard/dashboard-figures";
import { areas, areasFor } from "@/components/console/areas";
import { accessPolicies } from "@/contracts/access-policies";
import { roleMayCall } from "@/contracts/route-policy";
import { requireUser } from "@/lib/server/session";

export const metadata: Metadata = { title: "Dashboard" };

export default async function DashboardPage() {
  const current = await requireUser();
  const name = current.status === "signed-in" ? current.user.name : "";
  const visible = current.status === "signed-in" ? areasFor(current.user.role) : areas;
  const readsFigures = current.status === "signed-in" && roleMayCall(current.user.role, accessPolicies["GET /v1/dashboard"]);
  const readsPlan = current.status === "signed-in" && roleMayCall(current.user.role, accessPolicies["GET /v1/security-plan"]);
  return (
    <section aria-labelledby="dashboard-title">
      <h1 id="dashboard-title" className="text-2xl font-semibold tracking-tight">
        Welcome, {name}
      </h1>
      <p className="mt-1 text-slate-700">Licenses and access for your organisation&apos;s services.</p>
      {readsPlan ? <FailingChecksPanel /> : null}
      {readsFigures ? <DashboardFigures /> : null}
      <ul className="mt-6 grid gap-4 sm:grid-cols-2 xl:grid-cols-3">
        {visible.map((area) => (
          <li key={area.href}>
            <Link href={area.href} className="block h-full rounded-xl border border-slate-200 bg-white p-5 shadow-sm hover:border-indigo-400">
              <h2 className="font-semibold text-indigo-800">{area.label}</h2>
              <p className="mt-1 text-sm text-slate-700">{area.summary}</p>
            </Link>
          </li>
        ))}
      </ul>
    </section>
  );
}
