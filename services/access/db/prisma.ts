// The access service's one Prisma client. The password hash, second-factor secrets and recovery-code hashes
// are omitted from every query unless asked for.
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "../generated/prisma/client";

export function createPrisma(connectionString: string, poolMax: number) {
  return new PrismaClient({
    adapter: new PrismaPg({ connectionString, max: poolMax }),
    omit: { user: { passwordHash: true }, secondFactor: { secretCiphertext: true }, recoveryCode: { codeHash: true } },
  });
}
export type AccessPrisma = ReturnType<typeof createPrisma>;
