// Token lifetimes as people read them: "15 minutes", "24 hours", "30 days" (the API counts seconds).
function unit(n: number, word: string): string {
  return `${n.toLocaleString("en-US")} ${word}${n === 1 ? "" : "s"}`;
}

export function describeLifetime(seconds: number): string {
  if (seconds % 86_400 === 0 && seconds >= 86_400 * 2) return unit(seconds / 86_400, "day");
  if (seconds % 3600 === 0) return unit(seconds / 3600, "hour");
  if (seconds % 60 === 0) return unit(seconds / 60, "minute");
  return unit(seconds, "second");
}
