"use client";
// A token table's search that refuses a whole token (wholeTokenShape): typed or pasted into the box, it
// stays in this hook's state (for the warning), is neither sent nor written to the address, and the
// leaked-token lookup (a POST body) is offered instead. One already in the address (a link someone made)
// is taken out of it at once, in place (no history entry keeps it), and handled the same way. Used by the Tokens area and by a license's tokens table.
import Link from "next/link";
import { useEffect, useState } from "react";
import { wholeTokenShape } from "@/contracts/token-api";
import { Notice } from "@/components/ui/notice";
import { useUrlParam, writeSearchParams } from "@/components/ui/url-state";

export type TokenSearch = {
  /** What the search box shows (a whole token included). */
  shown: string;
  /** What may be searched for: never a whole token. */
  sent: string | undefined;
  wholeToken: boolean;
  setSearch: (text: string) => void;
};

/** The search kept in the address under `param`; `wrap` runs a write that changes the selection (a page reset). */
export function useTokenSearch(param: string, wrap: (set: (text: string) => void) => (text: string) => void): TokenSearch {
  const [addressSearch, setAddressSearch] = useUrlParam(param);
  const [typedWholeToken, setTypedWholeToken] = useState("");
  useEffect(() => {
    if (!wholeTokenShape.test(addressSearch)) return;
    setTypedWholeToken(addressSearch);
    writeSearchParams({ [param]: null }, { replace: true });
  }, [addressSearch, param]);
  const shown = typedWholeToken || addressSearch;
  const wholeToken = wholeTokenShape.test(shown);
  const setSearch = (text: string) => {
    if (wholeTokenShape.test(text)) return setTypedWholeToken(text);
    setTypedWholeToken("");
    wrap(setAddressSearch)(text);
  };
  return { shown, sent: shown && !wholeToken ? shown : undefined, wholeToken, setSearch };
}

/** The warning beside a search that held a whole token. `lookupAbove`: the lookup is on this page (the Tokens area). */
export function WholeTokenNotice({ isPlatform, lookupAbove }: { isPlatform: boolean; lookupAbove: boolean }) {
  return (
    <div className="mb-3" data-testid="whole-token-notice">
      <Notice tone="warning" title="This looks like a whole token">
        It was not searched for, so it stays out of addresses and logs.{" "}
        {isPlatform ? (
          lookupAbove ? (
            "Paste it into “Find a leaked token” above instead."
          ) : (
            <>
              Paste it into “Find a leaked token” on the <Link href="/tokens" className="underline">Tokens page</Link> instead.
            </>
          )
        ) : (
          "Search by its prefix (tsr_ and 8 characters), or ask a platform administrator to look it up."
        )}
      </Notice>
    </div>
  );
}
