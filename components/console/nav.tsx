"use client";
// Primary navigation: a sidebar on wide screens, a disclosure menu on narrow ones.
import { useState } from "react";
import Link from "next/link";
import { usePathname } from "next/navigation";
import { useViewer } from "@/components/viewer";
import { areasFor } from "./areas";

export function ConsoleNav() {
  const pathname = usePathname();
  const links = [{ href: "/", label: "Dashboard" }, ...areasFor(useViewer().role).map(({ href, label }) => ({ href, label }))];
  const [open, setOpen] = useState(false);
  const isCurrent = (href: string) => (href === "/" ? pathname === "/" : pathname === href || pathname.startsWith(`${href}/`));

  return (
    <nav aria-label="Main" className="md:w-56 md:shrink-0 print:hidden">
      <button
        type="button"
        className="mb-2 inline-flex items-center gap-2 rounded-md border border-slate-400 bg-white px-3 py-2 text-sm font-semibold md:hidden"
        aria-expanded={open}
        aria-controls="console-nav-list"
        onClick={() => setOpen((v) => !v)}
      >
        <span aria-hidden="true">☰</span> Menu
      </button>
      <ul id="console-nav-list" className={`${open ? "block" : "hidden"} space-y-1 md:block`}>
        {links.map((link) => {
          const current = isCurrent(link.href);
          return (
            <li key={link.href}>
              <Link
                href={link.href}
                aria-current={current ? "page" : undefined}
                onClick={() => setOpen(false)}
                className={`block rounded-md px-3 py-2 text-sm font-medium ${
                  current ? "bg-indigo-700 text-white" : "text-slate-800 hover:bg-slate-200"
                }`}
              >
                {link.label}
              </Link>
            </li>
          );
        })}
      </ul>
    </nav>
  );
}
