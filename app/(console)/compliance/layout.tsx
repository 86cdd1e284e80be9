// The Compliance area: its sub-navigation over every section page (each page checks its own access).
import { ComplianceNav } from "@/components/compliance/compliance-nav";
import { complianceSections } from "@/components/compliance/compliance-sections";

export default function ComplianceLayout({ children }: { children: React.ReactNode }) {
  return (
    <div>
      <ComplianceNav sections={complianceSections} />
      {children}
    </div>
  );
}
