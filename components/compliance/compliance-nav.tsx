"use client";
// The Compliance area's sub-navigation over its sections (compliance-sections.ts, each checked to have its page),
// the current one marked. Hidden in print, where only the page itself is filed.
import Link from "next/link";
import { usePathname } from "next/navigation";
import type { ComplianceSection } from "./compliance-sections";

export function ComplianceNav({ sections }: { sections: ComplianceSection[] }) {
  const pathname = usePathname();
  const isCurrent = (href: string) => (href === "/compliance" ? pathname === href : pathname === href || pathname.startsWith(`${href}/`));
  if (sections.length < 2) return null;
  return (
    <nav aria-label="Compliance" className="mb-5 border-b border-slate-300 print:hidden">
      <ul className="-mb-px flex flex-wrap gap-x-1">
        {sections.map((section) => {
          const current = isCurrent(section.href);
          return (
            <li key={section.href}>
              <Link
                href={section.href}
                aria-current={current ? "page" : undefined}
                className={`inline-block border-b-2 px-3 py-2 text-sm font-medium ${current ? "border-indigo-700 text-indigo-900" : "border-transparent text-slate-700 hover:border-slate-400 hover:text-slate-900"}`}
              >
                {section.label}
              </Link>
            </li>
          );
        })}
      </ul>
    </nav>
  );
}
