// The server's own view of a measured window, from its Prometheus /metrics: how long it took to handle
// one route's requests (the request-duration histogram, so bucket bounds, not exact percentiles), how late
// its event loop ran (prom-client resets that histogram on every scrape, so scrape right before a window
// and read p99/max right after), and the time spent in garbage collection. Tells a tail made inside the
// server from one made by the machine (scheduling, the load generator, TLS on the client side).
import type { createMtlsClient } from "../../services/common/http/mtls-client";

type Client = ReturnType<typeof createMtlsClient>;

/** prom-client samples the event loop with a 10 ms timer (its default precision); a sample is the timer's whole interval. */
const eventLoopTimerMs = 10;
type Series = Map<string, number>;

export type ServerView = {
  requests: number;
  /** Share of the route's requests handled within each histogram bound (seconds → fraction). */
  within: Map<number, number>;
  /** How late its event loop ran (p99 and max of the rounds' samples, beyond the sampling timer's interval). */
  eventLoopP99Ms: number;
  eventLoopMaxMs: number;
  gcMs: number;
  gcPauses: number;
  /** Pauses longer than 10 ms (the histogram's bucket bound). */
  gcPausesOver10Ms: number;
};

async function scrape(client: Client): Promise<Series> {
  const res = await client.raw<string>("GET", "/metrics");
  const series: Series = new Map();
  for (const line of String(res.body).split("\n")) {
    if (!line || line.startsWith("#")) continue;
    const cut = line.lastIndexOf(" ");
    series.set(line.slice(0, cut), Number(line.slice(cut + 1)));
  }
  return series;
}

const sumOf = (s: Series, test: (key: string) => boolean) => [...s].filter(([k]) => test(k)).reduce((n, [, v]) => n + v, 0);

/** Measures `window` from the server's side; `route` as Fastify names it ("/oauth/introspect"). */
export function serverView(client: Client, route: string) {
  const buckets = new Map<number, number>();
  let requests = 0;
  const view = { eventLoopP99Ms: 0, eventLoopMaxMs: 0, gcMs: 0, gcPauses: 0, gcPausesOver10Ms: 0 };
  const ofRoute = (key: string) => key.includes(`route="${route}"`);
  return {
    async during<T>(window: () => Promise<T>): Promise<T> {
      const before = await scrape(client);
      const result = await window();
      const after = await scrape(client);
      const delta = (test: (key: string) => boolean) => sumOf(after, test) - sumOf(before, test);
      requests += delta((k) => k.startsWith("http_request_duration_seconds_count") && ofRoute(k));
      for (const key of after.keys()) {
        const le = /le="([^"]+)"/.exec(key)?.[1];
        if (!key.startsWith("http_request_duration_seconds_bucket") || !ofRoute(key) || !le || le === "+Inf") continue;
        buckets.set(Number(le), (buckets.get(Number(le)) ?? 0) + (after.get(key) ?? 0) - (before.get(key) ?? 0));
      }
      const late = (name: string) => Math.max(0, 1000 * sumOf(after, (k) => k.startsWith(name)) - eventLoopTimerMs);
      view.eventLoopP99Ms = Math.max(view.eventLoopP99Ms, late("nodejs_eventloop_lag_p99_seconds"));
      view.eventLoopMaxMs = Math.max(view.eventLoopMaxMs, late("nodejs_eventloop_lag_max_seconds"));
      view.gcMs += 1000 * delta((k) => k.startsWith("nodejs_gc_duration_seconds_sum"));
      view.gcPauses += delta((k) => k.startsWith("nodejs_gc_duration_seconds_count"));
      view.gcPausesOver10Ms += view.gcPauses === 0 ? 0 : delta((k) => k.startsWith("nodejs_gc_duration_seconds_count")) - delta((k) => k.startsWith("nodejs_gc_duration_seconds_bucket") && k.includes('le="0.01"'));
      return result;
    },
    result(): ServerView {
      const within = new Map([...buckets].sort(([a], [b]) => a - b).map(([le, n]) => [le, requests ? n / requests : 0]));
      return { requests, within, ...view };
    },
  };
}

/** One line for a table's note. */
export function describeServerView(v: ServerView): string {
  const share = (le: number) => `${(100 * (v.within.get(le) ?? 0)).toFixed(2)}% within ${le * 1000} ms`;
  return (
    `server side, same rounds (its /metrics): ${v.requests} requests, ${[0.0005, 0.001, 0.0025, 0.005].map(share).join(", ")}; ` +
    `event loop late by p99 ${v.eventLoopP99Ms.toFixed(2)} ms (max ${v.eventLoopMaxMs.toFixed(1)} ms); GC ${v.gcMs.toFixed(0)} ms in ${v.gcPauses} pauses (${v.gcPausesOver10Ms} over 10 ms)`
  );
}
