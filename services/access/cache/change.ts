// The payloads of the `tessera_changes` channel ('<kind>:<id>', see migrations 0004, 0005, 0007, 0008 and 0033), parsed.
export const changeKinds = ["license", "tier", "component", "token", "session", "user", "tenant"] as const;
export type ChangeKind = (typeof changeKinds)[number];
export type Change = { kind: ChangeKind; id: string };

const isKind = (value: string): value is ChangeKind => (changeKinds as readonly string[]).includes(value);

/** The change a payload names, or null when it is not one we know (callers then drop everything). */
export function parseChange(payload: string): Change | null {
  const colon = payload.indexOf(":");
  if (colon <= 0 || colon === payload.length - 1) return null;
  const kind = payload.slice(0, colon);
  return isKind(kind) ? { kind, id: payload.slice(colon + 1) } : null;
}
