// Empty state for console areas that are not built yet: says what the area will hold.
import type { Area } from "./areas";

export function AreaPlaceholder({ area }: { area: Area }) {
  return (
    <section aria-labelledby="area-title">
      <h1 id="area-title" className="text-2xl font-semibold tracking-tight">
        {area.label}
      </h1>
      <p className="mt-1 text-slate-700">{area.summary}</p>
      <div className="mt-6 rounded-xl border border-dashed border-slate-400 bg-white p-6">
        <h2 className="text-lg font-semibold">Coming soon</h2>
        <p className="mt-1 text-sm text-slate-700">This area is being built. When it is ready it will show:</p>
        <ul className="mt-3 list-disc space-y-1 pl-5 text-sm text-slate-800">
          {area.holds.map((item) => (
            <li key={item}>{item}</li>
          ))}
        </ul>
      </div>
    </section>
  );
}
