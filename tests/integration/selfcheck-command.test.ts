// `tessera selfcheck` against real servers: it flags this machine's PostgreSQL (127.0.0.1:5432 trusts
// every local user), RabbitMQ (127.0.0.1:5672 accepts guest/guest) and Redis (127.0.0.1:6379, no
// password) and exits 1; and it passes a hardened configuration started here for the test: a redis-server
// with requirepass, a PostgreSQL cluster initialised with scram-sha-256, and a RabbitMQ node whose only
// account is not guest. Each hardened server is first shown to work with its real credential, so that
// a refusal means "refused", not "broken".
import { execFileSync, spawn, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { probeAmqp, probeRedis } from "../../services/access/domain/security-plan/default-credential-probes";
import { createPrisma } from "../../services/access/db/prisma";
import { loadOrCreateKey } from "../../services/access/keys/key-files";
import { loadOrCreateKeyring } from "../../services/access/keys/storage-keyring";
import { createTestDatabase } from "../support/test-database";

const repoRoot = path.resolve(import.meta.dirname, "../..");
const pgBin = "/usr/lib/postgresql/15/bin";

function selfcheck(args: string[], env: Record<string, string> = {}): Promise<{ code: number; out: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [path.join(repoRoot, "cli/tessera.js"), "selfcheck", ...args], { env: { ...process.env, ...env }, cwd: repoRoot });
    let out = "";
    child.stdout.on("data", (c) => (out += c));
    child.stderr.on("data", (c) => (out += c));
    child.on("close", (code) => resolve({ code: code ?? -1, out }));
  });
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

async function waitForPort(port: number, what: string, child: ChildProcess, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`${what} exited with ${child.exitCode}`);
    const open = await new Promise<boolean>((resolve) => {
      const s = net.connect(port, "127.0.0.1");
      s.once("connect", () => (s.destroy(), resolve(true)));
      s.once("error", () => resolve(false));
    });
    if (open) return;
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`${what} did not listen on ${port} within ${timeoutMs / 1000} s`);
}

/** Started detached, so that its whole process group (runuser and the server under it) is stopped. */
function startDetached(command: string, args: string[], env: Record<string, string> = {}, cwd?: string): ChildProcess {
  return spawn(command, args, { detached: true, stdio: "ignore", env: { ...process.env, ...env }, cwd });
}
/**
 * rabbitmq-server runs the broker through `su`, in a session of its own that the group signal does not
 * reach: stop the broker by the pid it writes (RABBITMQ_PID_FILE) and wait until it has gone.
 */
async function stopBroker(pidFile: string): Promise<void> {
  if (!fs.existsSync(pidFile)) return;
  const pid = Number(fs.readFileSync(pidFile, "utf8").trim());
  if (!Number.isInteger(pid) || pid <= 1) return;
  const alive = () => {
    try {
      process.kill(pid, 0);
      return true;
    } catch {
      return false;
    }
  };
  if (alive()) process.kill(pid, "SIGTERM");
  for (let i = 0; i < 120 && alive(); i += 1) await new Promise((r) => setTimeout(r, 250));
}

function stopGroup(child: ChildProcess | undefined): Promise<void> {
  if (!child?.pid || child.exitCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    child.once("exit", () => resolve());
    process.kill(-child.pid!, "SIGTERM");
  });
}

describe("on this machine's servers", () => {
  it("flags the PostgreSQL that trusts local users, the RabbitMQ that takes guest/guest and the Redis without a password", async () => {
    const { code, out } = await selfcheck(["--targets-only", "--target", "postgresql://postgres@127.0.0.1:5432/postgres", "--target", "amqp://127.0.0.1:5672", "--target", "redis://127.0.0.1:6379"]);
    expect(code, out).toBe(1);
    expect(out).toMatch(/FAIL\s+postgresql:\/\/postgres@127\.0\.0\.1:5432\/postgres: let user "postgres" in without a password \(trust authentication\)/);
    expect(out).toMatch(/FAIL\s+amqp:\/\/127\.0\.0\.1:5672: accepted PLAIN guest\/guest/);
    expect(out).toMatch(/FAIL\s+redis:\/\/127\.0\.0\.1:6379: answered PING without AUTH/);
  });

  it("flags the access service's own database when it is that PostgreSQL, and never prints a target's password", async () => {
    const home = fs.mkdtempSync(path.join(os.tmpdir(), "selfcheck-home-"));
    try {
      const { code, out } = await selfcheck(["--target", "redis://:hunter2-not-shown@127.0.0.1:6379"], { TESSERA_HOME: home, ACCESS_DATABASE_URL: "postgresql://postgres@127.0.0.1:5432/postgres" });
      expect(code, out).toBe(1);
      expect(out).toMatch(/FAIL\s+credentials\.own-database\s+The access service's PostgreSQL at postgresql:\/\/postgres@127\.0\.0\.1:5432\/postgres let user "postgres" in without a password/);
      expect(out).toMatch(/pass\s+passwords\.policy/);
      expect(out).not.toContain("hunter2");
      // No key was created in a data folder that had none.
      expect(fs.existsSync(path.join(home, "access", "keys"))).toBe(false);
    } finally {
      fs.rmSync(home, { recursive: true, force: true });
    }
  });
});

describe("on an access host with its database", () => {
  it("runs every check it can, keeps the results as the plan's latest and audits each", async () => {
    const db = await createTestDatabase("selfcheck_cli");
    const home = fs.mkdtempSync(path.join(os.tmpdir(), "selfcheck-host-"));
    const keys = path.join(home, "access", "keys");
    loadOrCreateKeyring(path.join(keys, "storage-keyring.json"));
    loadOrCreateKey(path.join(keys, "secret-digest.key"));
    try {
      const { code, out } = await selfcheck([], { TESSERA_HOME: home, ACCESS_DATABASE_URL: db.url! });
      expect(code, out).toBe(1); // this PostgreSQL trusts its users, no service answers TLS here, no review was signed
      expect(out).toMatch(/pass\s+sign-in\.throttle\s+A brute-force run against sign-in was stopped at attempt 11/);
      expect(out).toMatch(/FAIL\s+access-review\.privileged\s+No access review has been signed off yet/);
      expect(out).toContain("Results kept as the security plan's latest and written to the audit chain.");
      const prisma = createPrisma(db.url!, 1);
      try {
        const kept = await prisma.securityCheckResult.findMany({ orderBy: { checkId: "asc" } });
        expect(kept.map((r) => r.checkId)).toEqual([
          "access-review.privileged", "audit.chain", "credentials.own-database", "credentials.targets", "keys.by-purpose", "passwords.policy", "sign-in.throttle", "tls.services", "web-tier.no-secrets",
        ]);
        expect(new Set(kept.map((r) => r.ranBy))).toEqual(new Set(["tessera selfcheck"]));
        const events = (await prisma.outboxEvent.findMany()).map((e) => e.payload as { action: string; actor: { type: string } });
        expect(events.filter((e) => e.action === "security_plan.check")).toHaveLength(9);
        expect(events.find((e) => e.action === "security_plan.check")?.actor.type).toBe("operator");
      } finally {
        await prisma.$disconnect();
      }
    } finally {
      fs.rmSync(home, { recursive: true, force: true });
      await db.drop();
    }
  }, 60_000);
});

describe("on a hardened configuration started for the test", () => {
  const secret = randomBytes(12).toString("hex");
  const dirs: string[] = [];
  let redis: ChildProcess | undefined;
  let postgres: ChildProcess | undefined;
  let rabbit: ChildProcess | undefined;
  const ports = { redis: 0, postgres: 0, amqp: 0 };

  beforeAll(async () => {
    [ports.redis, ports.postgres, ports.amqp] = [await freePort(), await freePort(), await freePort()];
    const dist = await freePort();

    redis = startDetached("redis-server", ["--port", String(ports.redis), "--bind", "127.0.0.1", "--requirepass", secret, "--save", "", "--appendonly", "no"]);

    // PostgreSQL refuses to run as root: the cluster belongs to the postgres user.
    const pgDir = fs.mkdtempSync(path.join(os.tmpdir(), "selfcheck-pg-"));
    dirs.push(pgDir);
    fs.writeFileSync(path.join(pgDir, "pw"), secret);
    execFileSync("chown", ["-R", "postgres:postgres", pgDir]);
    execFileSync("runuser", ["-u", "postgres", "--", `${pgBin}/initdb`, "-D", `${pgDir}/data`, "-A", "scram-sha-256", `--pwfile=${pgDir}/pw`, "-U", "postgres"], { stdio: "ignore" });
    postgres = startDetached("runuser", ["-u", "postgres", "--", `${pgBin}/postgres`, "-D", `${pgDir}/data`, "-p", String(ports.postgres), "-k", pgDir, "-c", "listen_addresses=127.0.0.1"]);

    // A RabbitMQ node of its own (its own name, ports, data and cookie) whose only account is not guest.
    const mq = fs.mkdtempSync(path.join(os.tmpdir(), "selfcheck-mq-"));
    dirs.push(mq);
    fs.writeFileSync(path.join(mq, "rabbitmq.conf"), `default_user = selfcheck\ndefault_pass = ${secret}\nlisteners.tcp.default = ${ports.amqp}\nloopback_users = none\n`);
    fs.writeFileSync(path.join(mq, "enabled_plugins"), "[].\n");
    execFileSync("chown", ["-R", "rabbitmq:rabbitmq", mq]);
    fs.chmodSync(mq, 0o700);
    rabbit = startDetached("rabbitmq-server", [], {
      HOME: mq,
      RABBITMQ_NODENAME: `selfcheck-${ports.amqp}@localhost`,
      RABBITMQ_CONFIG_FILE: path.join(mq, "rabbitmq"),
      RABBITMQ_MNESIA_BASE: path.join(mq, "mnesia"),
      RABBITMQ_MNESIA_DIR: path.join(mq, "mnesia", "node"),
      RABBITMQ_FEATURE_FLAGS_FILE: path.join(mq, "feature_flags"),
      RABBITMQ_PLUGINS_EXPAND_DIR: path.join(mq, "plugins-expand"),
      RABBITMQ_PID_FILE: path.join(mq, "pid"),
      RABBITMQ_QUORUM_DIR: path.join(mq, "quorum"),
      RABBITMQ_STREAM_DIR: path.join(mq, "stream"),
      RABBITMQ_LOG_BASE: path.join(mq, "log"),
      RABBITMQ_ENABLED_PLUGINS_FILE: path.join(mq, "enabled_plugins"),
      RABBITMQ_DIST_PORT: String(dist),
    }, mq);

    await waitForPort(ports.redis, "redis-server", redis, 20_000);
    await waitForPort(ports.postgres, "postgres", postgres, 30_000);
    await waitForPort(ports.amqp, "rabbitmq-server", rabbit, 110_000);
  }, 180_000);

  afterAll(async () => {
    if (dirs[1]) await stopBroker(path.join(dirs[1], "pid"));
    await Promise.all([stopGroup(redis), stopGroup(postgres), stopGroup(rabbit)]);
    for (const dir of dirs) fs.rmSync(dir, { recursive: true, force: true });
  }, 60_000);

  it("each hardened server works with its real credential", async () => {
    const client = new pg.Client({ host: "127.0.0.1", port: ports.postgres, user: "postgres", password: secret, database: "postgres" });
    await client.connect();
    expect((await client.query("select 1 as one")).rows).toEqual([{ one: 1 }]);
    await client.end();
    expect(await probeAmqp("127.0.0.1", ports.amqp, "selfcheck", secret)).toMatchObject({ accepted: true });
    expect(await probeRedis("127.0.0.1", ports.redis)).toMatchObject({ accepted: false, answer: expect.stringContaining("NOAUTH") });
  });

  it("passes them: no password-less PostgreSQL user, no guest/guest, no Redis without AUTH", async () => {
    const { code, out } = await selfcheck([
      "--targets-only",
      "--target", `postgresql://postgres@127.0.0.1:${ports.postgres}/postgres`,
      "--target", `amqp://127.0.0.1:${ports.amqp}`,
      "--target", `redis://127.0.0.1:${ports.redis}`,
    ]);
    expect(code, out).toBe(0);
    expect(out).toMatch(new RegExp(`pass\\s+postgresql://postgres@127\\.0\\.0\\.1:${ports.postgres}/postgres: asked user "postgres" for SASL \\(SCRAM\\)`));
    expect(out).toMatch(new RegExp(`pass\\s+amqp://127\\.0\\.0\\.1:${ports.amqp}: refused PLAIN guest/guest`));
    expect(out).toMatch(new RegExp(`pass\\s+redis://127\\.0\\.0\\.1:${ports.redis}: refused PING without AUTH`));
    expect(out).not.toContain(secret);
  });
});
