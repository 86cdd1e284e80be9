// Issue 2, part 2 (end to end): sign-ins per second through the real access service (own PostgreSQL
// database, real mTLS), sent by the web tier's client core as POST /v1/auth/sign-in.
// Baseline: a bare verifyPassword at the same parameters and concurrency, measured in alternating
// slices in the same run; the ratio shows how much of the argon2 ceiling survives the rest of a
// sign-in (throttle check, user lookup, session and audit-outbox transaction, HTTP over mTLS).
// Note: tests/support/start-access-service.ts runs the service in THIS process (one event loop
// for client and service); argon2 itself runs on the libuv threadpool either way.
import { z } from "zod";
import { createMtlsClient } from "../lib/server/mtls-client";
import { issueSetupLinkIfNeeded } from "../services/access/domain/setup/issue-setup-link";
import { hashPassword, verifyPassword } from "../services/access/domain/passwords/password-hash";
import { startAccessService } from "../tests/support/start-access-service";
import { compareAlternating, type Timing } from "./lib/measure";
import type { BenchRow, BenchTable } from "./lib/table";

const admin = { name: "Bench Admin", email: "bench@example.org", password: "copper lantern orbit harbour" };
const signedIn = z.object({ sessionToken: z.string() });
const concurrencies = [1, 2];

export async function benchSignIn(timing: Timing): Promise<BenchTable> {
  const h = await startAccessService("bench");
  try {
    const setupClient = await h.as("web");
    const link = await issueSetupLinkIfNeeded(h.ctx);
    if (!link) throw new Error("no setup link");
    const created = await setupClient.json("POST", "/v1/setup", { token: link.url.split("/setup/")[1], ...admin });
    if (created.status !== 201) throw new Error(`setup answered ${created.status}`);

    const web = createMtlsClient({ url: h.url, ...(await h.pki.client("web")) });
    const chosenHash = await hashPassword(admin.password);
    const verify = async () => {
      if (!(await verifyPassword(chosenHash, admin.password))) throw new Error("verification failed");
    };
    const signIn = () =>
      web.request("POST", "/v1/auth/sign-in", { body: { email: admin.email, password: admin.password }, schema: signedIn, clientIp: "203.0.113.7" });
    try {
      const rows: BenchRow[] = [];
      for (const concurrency of concurrencies) {
        const { baseline, test } = await compareAlternating(verify, signIn, concurrency, timing);
        rows.push(
          { case: `bare verifyPassword, ${concurrency} in flight`, result: baseline, ratio: null },
          { case: `POST /v1/auth/sign-in, ${concurrency} in flight`, result: test, ratio: test.perSecond / baseline.perSecond },
        );
      }
      return {
        title: `End-to-end sign-ins through the access service (${h.testDb.kind}, service in this process)`,
        note: "ratio = sign-ins/s / bare verifications/s at the same concurrency",
        rows,
      };
    } finally {
      await web.close();
    }
  } finally {
    await h.close();
  }
}
