"use client";
// Alerts per day (UTC) stacked by kind (with the same numbers as a table for screen readers); the tenant
// filter above the chart narrows it to one tenant.
import { alertKindLabels, type AlertKind, type ListSecurityAlertsResponse } from "@/contracts/security-alert-api";
import { StackedDailyChart } from "@/components/ui/stacked-daily-chart";

export function AlertsChart({ counts }: { counts: ListSecurityAlertsResponse["counts"] }) {
  return (
    <StackedDailyChart
      testId="alerts-chart"
      caption="Alerts per day (UTC) by kind"
      counts={counts.map((c) => ({ day: c.day, series: c.kind, count: c.count }))}
      label={(kind) => alertKindLabels[kind as AlertKind]}
    />
  );
}
