// Opens a session inside the caller's transaction and returns the bearer token, shown only this once.
// The token is a credential of the same format as component tokens (secrets/credential-format.ts).
import type { Device } from "../../../../contracts/user-agent";
import type { AccessContext, TransactionClient } from "../context";
import { newId } from "../secrets/ids";
import { digestCredential, generateCredential } from "../secrets/credential-format";
import { sessionDto } from "./session-lifetime";

export async function createSession(ctx: AccessContext, tx: TransactionClient, userId: string, sourceIp: string | null, device: Device = { browser: null, system: null }) {
  const token = generateCredential("session");
  const now = new Date();
  const session = await tx.session.create({
    data: {
      id: newId("ses"),
      userId,
      tokenDigest: digestCredential(ctx.keys.secretDigest, "session", token),
      lastSeenAt: now,
      expiresAt: new Date(now.getTime() + ctx.settings.sessionAbsoluteHours * 3_600_000),
      sourceIp,
      deviceBrowser: device.browser,
      deviceSystem: device.system,
    },
  });
  return { token, session: sessionDto(ctx.settings, session), sessionId: session.id };
}
