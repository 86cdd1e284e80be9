// LISTENs on PostgreSQL's `tessera_changes` channel (fed by the triggers of migration 0004) over its own
// connection and tells subscribers what changed. Fail-safe: whenever the connection is not known to be
// delivering, the feed is unhealthy (caches must not answer); after any reconnect it tells subscribers to
// drop everything (notifications sent meanwhile are lost) and only then reports healthy again.
import { randomBytes } from "node:crypto";
import pg from "pg";
import { parseChange, type Change } from "./change";

export const changeChannel = "tessera_changes";

export type ChangeSubscriber = {
  /** One committed change. */
  change(change: Change): void;
  /** Anything may have changed: drop everything (sent on disconnect and again before healthy). */
  reset(): void;
};

export type ChangeFeedLogger = { info(details: object, message: string): void; warn(details: object, message: string): void };

export type ChangeFeedOptions = {
  connectionString: string;
  logger?: ChangeFeedLogger;
  /** Liveness check: a ping sent through the channel must come back within `pingTimeoutMs`. Together they
   * bound how long a silently dead connection (no error, no end: a network partition) goes unnoticed. */
  pingIntervalMs?: number;
  pingTimeoutMs?: number;
  /** Reconnect delays double from the first to the cap. */
  retryFirstMs?: number;
  retryMaxMs?: number;
};

export type ChangeFeed = {
  /** True only while LISTEN is active on a connection that has proved it delivers (its ping came back). */
  readonly healthy: boolean;
  /** PostgreSQL backend pid of the LISTEN connection (tests terminate it to prove the fail-safe). */
  readonly backendPid: number | null;
  subscribe(subscriber: ChangeSubscriber): () => void;
  /** Resolves once healthy, or false after `timeoutMs` (e.g. a database that cannot deliver notifications). */
  whenHealthy(timeoutMs: number): Promise<boolean>;
  /**
   * Resolves once every change committed before the call has reached the subscribers: PostgreSQL
   * delivers notifications in commit order, so a ping sent now arrives after them. (Reading one's own
   * write at once; while unhealthy the cache is bypassed, so there is nothing to wait for.)
   */
  sync(): Promise<void>;
  close(): Promise<void>;
};

/** Starts connecting at once; see `whenHealthy`. */
export function startChangeFeed(options: ChangeFeedOptions): ChangeFeed {
  const pingIntervalMs = options.pingIntervalMs ?? 500;
  const pingTimeoutMs = options.pingTimeoutMs ?? 500;
  const retryFirstMs = options.retryFirstMs ?? 50;
  const retryMaxMs = options.retryMaxMs ?? 2_000;
  const subscribers = new Set<ChangeSubscriber>();
  const waiters = new Set<() => void>();
  const pingPrefix = `ping:${randomBytes(8).toString("hex")}-`;
  let client: pg.Client | null = null;
  let healthy = false;
  let closed = false;
  let retryMs = retryFirstMs;
  let retryTimer: NodeJS.Timeout | undefined;
  let pingTimer: NodeJS.Timeout | undefined;
  let pingSeq = 0;
  let pid: number | null = null;
  const pendingPings = new Map<string, () => void>();

  const resetAll = () => subscribers.forEach((s) => s.reset());

  const fail = (c: pg.Client, why: string) => {
    if (client !== c) return; // an older connection's late events
    client = null;
    clearInterval(pingTimer);
    pendingPings.clear();
    if (healthy) options.logger?.warn({ why }, "change feed lost its connection: caches bypassed until it has caught up");
    healthy = false;
    resetAll();
    c.removeAllListeners("notification");
    c.on("error", () => {}); // the broken connection may still emit while ending
    void c.end().catch(() => {});
    if (!closed) {
      retryTimer = setTimeout(connect, retryMs);
      retryMs = Math.min(retryMaxMs, retryMs * 2);
    }
  };

  /** Sends a ping through the channel on `c` and resolves when it arrives back (rejects on timeout). */
  const ping = (c: pg.Client) =>
    new Promise<void>((resolve, reject) => {
      const payload = `${pingPrefix}${(pingSeq += 1)}`;
      const timer = setTimeout(() => {
        pendingPings.delete(payload);
        reject(new Error("ping not delivered in time"));
      }, pingTimeoutMs);
      pendingPings.set(payload, () => {
        clearTimeout(timer);
        resolve();
      });
      c.query("select pg_notify($1, $2)", [changeChannel, payload]).catch((e: unknown) => {
        clearTimeout(timer);
        reject(e instanceof Error ? e : new Error(String(e)));
      });
    });

  const onNotification = (message: pg.Notification) => {
    const payload = message.payload ?? "";
    const pong = pendingPings.get(payload);
    if (pong) {
      pendingPings.delete(payload);
      return pong();
    }
    if (payload.startsWith("ping:")) return; // another process's ping
    const change = parseChange(payload);
    if (change) subscribers.forEach((s) => s.change(change));
    else options.logger?.warn({ payload: payload.slice(0, 100) }, "change feed: unrecognised notification, dropping caches");
    if (!change) resetAll();
  };

  async function connect() {
    if (closed) return;
    const c = new pg.Client({ connectionString: options.connectionString, keepAlive: true, application_name: "tessera-change-feed" });
    client = c;
    c.on("error", (e) => fail(c, e.message));
    c.on("end", () => fail(c, "connection ended"));
    c.on("notification", onNotification);
    try {
      await c.connect();
      const { rows } = await c.query<{ pid: number }>("select pg_backend_pid() as pid");
      pid = rows[0]?.pid ?? null;
      await c.query(`LISTEN ${changeChannel}`);
      await ping(c); // proves delivery end to end before anything is trusted
    } catch (e) {
      return fail(c, e instanceof Error ? e.message : String(e));
    }
    if (client !== c || closed) return;
    resetAll(); // whatever was cached before may have missed notifications
    healthy = true;
    retryMs = retryFirstMs;
    options.logger?.info({ backendPid: pid }, "change feed listening");
    waiters.forEach((w) => w());
    pingTimer = setInterval(() => void ping(c).catch((e: unknown) => fail(c, e instanceof Error ? e.message : String(e))), pingIntervalMs);
    pingTimer.unref();
  }

  void connect();

  return {
    get healthy() {
      return healthy;
    },
    get backendPid() {
      return healthy ? pid : null;
    },
    subscribe(subscriber) {
      subscribers.add(subscriber);
      return () => subscribers.delete(subscriber);
    },
    whenHealthy(timeoutMs) {
      if (healthy) return Promise.resolve(true);
      return new Promise<boolean>((resolve) => {
        const done = (ok: boolean) => {
          clearTimeout(timer);
          waiters.delete(onHealthy);
          resolve(ok);
        };
        const onHealthy = () => done(true);
        const timer = setTimeout(() => done(false), timeoutMs);
        waiters.add(onHealthy);
      });
    },
    async sync() {
      const c = client;
      if (healthy && c) await ping(c).catch(() => {});
    },
    async close() {
      closed = true;
      clearTimeout(retryTimer);
      clearInterval(pingTimer);
      const c = client;
      client = null;
      healthy = false;
      resetAll();
      if (c) await c.end().catch(() => {});
    },
  };
}
