// A service's PostgreSQL: the one at `url` when configured, else an embedded PGlite under `embeddedDir`
// served on a private Unix socket, so the same driver, Prisma adapter and migrations serve both.
import { existsSync } from "node:fs";
import fs from "node:fs/promises";
import net from "node:net";
import path from "node:path";

export type Database = {
  connectionString: string;
  /** Embedded PGlite takes one connection at a time. */
  poolMax: number;
  embedded: boolean;
  close(): Promise<void>;
};

const unixSocketPathLimit = 100;
const embeddedSocket = (embeddedDir: string) => path.join(path.resolve(embeddedDir), ".s.PGSQL.5432");

/** Whether a running service holds the embedded database under `embeddedDir` (PGlite takes one process at a time). */
export function embeddedDatabaseInUse(embeddedDir: string): Promise<boolean> {
  const socketPath = embeddedSocket(embeddedDir);
  if (!existsSync(socketPath)) return Promise.resolve(false);
  return new Promise((resolve) => {
    const socket = net.connect(socketPath);
    socket.once("connect", () => {
      socket.destroy();
      resolve(true);
    });
    socket.once("error", () => resolve(false));
  });
}

export async function openDatabase(options: { url?: string; embeddedDir: string }): Promise<Database> {
  if (options.url) return { connectionString: options.url, poolMax: 10, embedded: false, close: async () => {} };

  const dir = path.resolve(options.embeddedDir);
  const socketPath = embeddedSocket(dir);
  if (socketPath.length > unixSocketPathLimit) {
    throw new Error(`The data folder path is too long for the embedded database socket (${socketPath}); set TESSERA_HOME to a shorter path.`);
  }
  await fs.mkdir(path.join(dir, "pgdata"), { recursive: true, mode: 0o700 });
  await fs.rm(socketPath, { force: true });
  const { PGlite } = await import("@electric-sql/pglite");
  const { PGLiteSocketServer } = await import("@electric-sql/pglite-socket");
  const db = await PGlite.create(path.join(dir, "pgdata"));
  const server = new PGLiteSocketServer({ db, path: socketPath, maxConnections: 4 });
  await server.start();
  await fs.chmod(socketPath, 0o600);
  return {
    connectionString: `postgresql://postgres@localhost/postgres?host=${encodeURIComponent(dir)}`,
    poolMax: 1,
    embedded: true,
    close: async () => {
      await server.stop();
      await db.close();
    },
  };
}
