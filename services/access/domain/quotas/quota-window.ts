// The fixed windows a license's request-rate quota is counted in, pure: a minute, aligned to UTC, the same
// for every access process (each reads its own clock; the shared row follows the latest window asked for).
export const quotaWindowMs = 60_000;

/** The window `atMs` falls in, as its start in epoch milliseconds. */
export const windowOf = (atMs: number): number => Math.floor(atMs / quotaWindowMs) * quotaWindowMs;

/** Whole seconds until the window holding `atMs` ends (at least 1: what Retry-After and `t` say). */
export const secondsToReset = (atMs: number): number => Math.max(1, Math.ceil((windowOf(atMs) + quotaWindowMs - atMs) / 1000));
