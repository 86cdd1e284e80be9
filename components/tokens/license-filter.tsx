"use client";
// The Tokens area's License filter for any number of licenses: a labelled text field whose suggestions
// (a datalist) come from GET /v1/licenses searched as the person types; choosing one filters by its id.
import { useEffect, useId, useState } from "react";
import { useLicenseList } from "@/components/licenses/license-queries";
import { describeHolder, recordId } from "@/contracts/license-api";

type Props = { value: string; onChange: (licenseId: string) => void; tenantId: string; withTenant: boolean };

export function LicenseFilter({ value, onChange, tenantId, withTenant }: Props) {
  const id = useId();
  const [text, setText] = useState(value);
  useEffect(() => setText(value), [value]);
  const [search, setSearch] = useState("");
  useEffect(() => {
    const timer = setTimeout(() => setSearch(text.trim()), 250);
    return () => clearTimeout(timer);
  }, [text]);
  const licenses = useLicenseList({ search: search && search !== value ? search : undefined, tenantId: tenantId || undefined, limit: 20 });
  const options = licenses.data?.licenses ?? [];
  const choose = (next: string) => {
    setText(next);
    if (next === "") onChange("");
    // A suggestion chosen, or a whole license id typed or pasted (before its suggestion has loaded).
    else if (options.some((l) => l.id === next) || (next.startsWith("lic_") && recordId.safeParse(next).success)) onChange(next);
  };
  return (
    <div className="flex min-w-0 flex-col gap-1">
      <label htmlFor={id} className="text-sm font-medium">
        License
      </label>
      <input
        id={id}
        type="text"
        list={`${id}-options`}
        value={text}
        placeholder="Any: type an application, tenant or id"
        aria-describedby={`${id}-hint`}
        onChange={(e) => choose(e.target.value)}
        className="rounded-md border border-slate-400 bg-white px-3 py-2 text-base sm:w-72 sm:text-sm"
      />
      <span id={`${id}-hint`} className="sr-only">
        Suggestions appear as you type; choose one to show its tokens, or clear the field for every license.
      </span>
      <datalist id={`${id}-options`}>
        {options.map((l) => (
          <option key={l.id} value={l.id}>
            {[l.component.name, withTenant ? l.tenant.name : null, describeHolder(l.holder)].filter(Boolean).join(" · ")}
          </option>
        ))}
      </datalist>
    </div>
  );
}
