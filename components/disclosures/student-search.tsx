"use client";
// "Who saw this student's records?": one search by the pseudonymous id the district's components use.
import { useEffect, useState } from "react";
import { Button } from "@/components/ui/button";

export function StudentSearch({ value, onChange }: { value: string; onChange: (v: string) => void }) {
  const [text, setText] = useState(value);
  useEffect(() => setText(value), [value]);
  return (
    <form
      role="search"
      aria-label="Student"
      className="rounded-lg border border-indigo-200 bg-indigo-50 p-4 print:border-0 print:bg-white print:p-0"
      onSubmit={(e) => {
        e.preventDefault();
        onChange(text.trim());
      }}
    >
      <label htmlFor="disclosures-student" className="block font-semibold text-slate-900">
        Who saw this student&apos;s records?
      </label>
      <p id="disclosures-student-hint" className="text-sm text-slate-700 print:hidden">
        Enter the student&apos;s pseudonymous id, as your components know it: every disclosure that named the student is listed.
      </p>
      <div className="mt-2 flex flex-col gap-2 sm:flex-row print:hidden">
        <input
          id="disclosures-student"
          type="search"
          value={text}
          maxLength={64}
          autoComplete="off"
          spellCheck={false}
          aria-describedby="disclosures-student-hint"
          onChange={(e) => setText(e.target.value)}
          className="min-w-0 flex-1 rounded-md border border-slate-400 bg-white px-3 py-2 font-mono text-base sm:max-w-sm sm:text-sm"
        />
        <div className="flex gap-2">
          <Button type="submit">Search</Button>
          {value ? (
            <Button type="button" variant="secondary" onClick={() => onChange("")}>
              Clear
            </Button>
          ) : null}
        </div>
      </div>
      {value ? <p className="mt-2 hidden text-sm print:block">Student {value}</p> : null}
    </form>
  );
}
