// The Compliance area: its sub-navigation over every section page (each page checks its own access).
import { ComplianceNav } from "@/components/compliance/compliance-nav";
import { existingComplianceSections } from "@/lib/server/compliance-pages";

export default function ComplianceLayout({ children }: { children: React.ReactNode }) {
  return (
    <div>
      <ComplianceNav sections={existingComplianceSections()} />
      {children}
    </div>
  );
}
