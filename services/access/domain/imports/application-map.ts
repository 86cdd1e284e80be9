// `--map reporting=reports,case-notes=casenotes` (the option may be given more than once): the Django
// table's own application names, each to the key of the Tessera component it is. A name the map does not
// mention must be a component key itself.

export type ApplicationMap = ReadonlyMap<string, string>;

/** Parses the option's text (each time it was given); throws a sentence naming the entry that is malformed or repeated. */
export function parseApplicationMap(given: string | readonly string[] | undefined): ApplicationMap {
  const map = new Map<string, string>();
  if (given === undefined) return map;
  const spec = typeof given === "string" ? given : given.join(",");
  for (const entry of spec.split(",").map((e) => e.trim()).filter(Boolean)) {
    const match = /^([^=\s]+)=([^=\s]+)$/.exec(entry);
    if (!match) throw new Error(`--map entry "${entry.slice(0, 80)}" is not APPLICATION=COMPONENT_KEY (e.g. --map reporting=reports,case-notes=casenotes).`);
    const [, application, componentKey] = match;
    if (map.has(application)) throw new Error(`--map names the application "${application}" twice.`);
    map.set(application, componentKey);
  }
  if (map.size === 0) throw new Error("--map is empty; give APPLICATION=COMPONENT_KEY pairs separated by commas.");
  return map;
}

/** The component key an application name stands for: the map's, else the name itself. */
export const componentKeyFor = (map: ApplicationMap, application: string) => map.get(application) ?? application;
