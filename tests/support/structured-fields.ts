// An RFC 8941 structured-field List parser written from the RFC for the tests, independent of the code that
// formats Tessera's rate-limit fields: items (strings, tokens, integers, decimals, booleans) with parameters,
// as a client reading `RateLimit: "license";r=0;t=12` would parse them. Inner lists and byte sequences are
// refused (the rate-limit fields use neither), and so is anything malformed.
export type BareItem = string | number | boolean | { token: string };
export type ListMember = { item: BareItem; params: Map<string, BareItem> };

export function parseList(input: string): ListMember[] {
  let i = 0;
  const s = input.replace(/^ +| +$/g, "");
  const fail = (why: string): never => {
    throw new Error(`not a structured-field list (${why} at ${i}): ${input}`);
  };
  const ows = () => {
    while (s[i] === " " || s[i] === "\t") i++;
  };
  const key = (): string => {
    const m = /^[a-z*][a-z0-9_\-.*]*/.exec(s.slice(i));
    if (!m) return fail("key");
    i += m[0].length;
    return m[0];
  };
  const bareItem = (): BareItem => {
    const c = s[i];
    if (c === '"') {
      let out = "";
      for (i++; i < s.length; i++) {
        const ch = s[i]!;
        if (ch === "\\") {
          const next = s[++i];
          if (next !== '"' && next !== "\\") fail("escape");
          out += next;
        } else if (ch === '"') {
          i++;
          return out;
        } else if (ch < " " || ch > "~") fail("character");
        else out += ch;
      }
      return fail("unterminated string");
    }
    if (c === "?") {
      const v = s[i + 1];
      if (v !== "0" && v !== "1") fail("boolean");
      i += 2;
      return v === "1";
    }
    const num = /^-?\d{1,15}(\.\d{1,3})?/.exec(s.slice(i));
    if (num) {
      i += num[0].length;
      return Number(num[0]);
    }
    const tok = /^[A-Za-z*][!#$%&'*+\-.^_`|~0-9A-Za-z:/]*/.exec(s.slice(i));
    if (tok) {
      i += tok[0].length;
      return { token: tok[0] };
    }
    return fail("item");
  };
  const params = () => {
    const out = new Map<string, BareItem>();
    while (s[i] === ";") {
      i++;
      while (s[i] === " ") i++;
      const k = key();
      let v: BareItem = true;
      if (s[i] === "=") {
        i++;
        v = bareItem();
      }
      out.set(k, v);
    }
    return out;
  };
  const members: ListMember[] = [];
  while (i < s.length) {
    if (s[i] === "(") fail("inner list");
    members.push({ item: bareItem(), params: params() });
    ows();
    if (i >= s.length) break;
    if (s[i] !== ",") fail("expected a comma");
    i++;
    ows();
    if (i >= s.length) fail("trailing comma");
  }
  return members;
}

/** The member of a rate-limit field named `policy`, its parameters as numbers (what a client needs). */
export function rateLimitMember(field: string | undefined, policy: string): Record<string, number> {
  if (field === undefined) throw new Error("the field is missing");
  const member = parseList(field).find((m) => m.item === policy);
  if (!member) throw new Error(`no member "${policy}" in ${field}`);
  return Object.fromEntries([...member.params].map(([k, v]) => [k, typeof v === "number" ? v : NaN]));
}
