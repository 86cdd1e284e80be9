// The data inventory on the trust page (NDPA Exhibit B; C.R.S. 22-16-108(1)): each component's newest
// declaration with its version and date, older versions readable below it; then Tessera's own data.
import type { ComponentInventoryDto, TesseraDataDto } from "@/contracts/trust-api";
import { formatDate } from "@/lib/format";
import { ElementCard } from "./trust-parts";

export function ComponentInventories({ components }: { components: ComponentInventoryDto[] }) {
  return (
    <ul className="space-y-6">
      {components.map((c) => {
        const [current, ...older] = c.versions;
        return (
          <li key={c.key} id={`data-${c.key}`} className="space-y-2 scroll-mt-4">
            <h3 className="text-lg font-semibold">{c.name}</h3>
            {current ? (
              <>
                <p className="text-sm text-slate-700">
                  Version {current.version}, published <time dateTime={current.publishedAt}>{formatDate(current.publishedAt)}</time>
                  {current.note ? ` — ${current.note}` : "."}
                </p>
                {current.elements.length === 0 ? (
                  <p className="text-sm">{c.name} holds no data of its users.</p>
                ) : (
                  <ul className="grid gap-2 md:grid-cols-2">
                    {current.elements.map((e) => (
                      <ElementCard key={e.element} item={e} />
                    ))}
                  </ul>
                )}
                {older.length > 0 ? (
                  <details className="text-sm print:hidden">
                    <summary className="cursor-pointer font-medium text-indigo-800">Earlier versions of {c.name}&apos;s inventory ({older.length})</summary>
                    <ol className="mt-2 space-y-3">
                      {older.map((v) => (
                        <li key={v.version}>
                          <p>
                            Version {v.version}, published {formatDate(v.publishedAt)}
                            {v.note ? ` — ${v.note}` : ""}: {v.elements.map((e) => `${e.element} (${e.category})`).join("; ") || "no data elements"}.
                          </p>
                        </li>
                      ))}
                    </ol>
                  </details>
                ) : null}
              </>
            ) : (
              <p className="text-sm text-slate-700">{c.name} has not declared its data yet. Its inventory appears here once a platform administrator publishes it.</p>
            )}
          </li>
        );
      })}
    </ul>
  );
}

export function TesseraData({ entries }: { entries: TesseraDataDto[] }) {
  return (
    <ul className="grid gap-2 md:grid-cols-2">
      {entries.map((e) => (
        <ElementCard key={`${e.database}.${e.table}`} item={e} headingLevel={3} />
      ))}
    </ul>
  );
}
