// The audit service's one Prisma client, over node-postgres (a server, or the embedded PGlite socket).
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "../generated/prisma/client";

export type AuditPrisma = PrismaClient;

export function createAuditPrisma(connectionString: string, poolMax: number): AuditPrisma {
  return new PrismaClient({ adapter: new PrismaPg({ connectionString, max: poolMax }) });
}
