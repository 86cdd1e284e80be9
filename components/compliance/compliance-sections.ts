// The Compliance area's pages: one list drives its sub-navigation and the overview's links. Each page
// checks its own permission through the access service (a page a role cannot use answers "not found").
export type ComplianceSection = { href: string; label: string; summary: string };

export const complianceSections: ComplianceSection[] = [
  { href: "/compliance", label: "Overview", summary: "The district's agreement, what of its data each licensed component holds, open incidents." },
  { href: "/compliance/plan", label: "Security plan", summary: "Controls mapped to NIST CSF 2.0, each with its live self-check and evidence." },
  { href: "/compliance/disclosures", label: "Disclosures", summary: "The record of every access to the district's data (34 CFR 99.32)." },
  { href: "/compliance/dispositions", label: "Data disposition", summary: "Requests to destroy the district's data, and their certificates of destruction." },
  { href: "/compliance/incidents", label: "Incidents", summary: "Incidents that concern the district, each with its notification clock and notice." },
  { href: "/compliance/policy", label: "Policy & subprocessors", summary: "Privacy policy versions, subprocessors, notices of change and their acknowledgements." },
];
