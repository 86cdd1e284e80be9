"use client";
// Disclosures and accesses of the district's data per day, stacked by component (ui/stacked-daily-chart.tsx:
// a table of the same numbers for screen readers), or an empty state.
import type { DisclosureActivityResponse } from "@/contracts/disclosure-api";
import { EmptyState } from "@/components/ui/states";
import { StackedDailyChart } from "@/components/ui/stacked-daily-chart";

export function AccessChart({ data }: { data: DisclosureActivityResponse }) {
  if (!data.days.length) {
    return <EmptyState title="No accesses or disclosures in this period">Each day with an access through the district's credentials, or a disclosure a component reported, appears here by component.</EmptyState>;
  }
  return (
    <div>
      <StackedDailyChart
        testId="access-chart"
        heightClass="h-64 print:h-48"
        caption="Accesses and disclosures per day (UTC) by component"
        counts={data.days.map((d) => ({ day: d.day, series: d.component, count: d.count }))}
      />
      <p className="mt-2 text-sm text-slate-700">Days in UTC. Accesses are counted per minute and written within seconds.</p>
    </div>
  );
}
