// Who acts when the detector responds by itself (enforce mode): a platform-wide actor the existing license
// rules accept, named in their audit events as the detector, never as a person.
import type { Actor } from "../actors/actor";

export const detectorActor: Actor = { userId: "detector", email: "anomaly-detector", name: "Anomaly detector", role: "platform_admin", tenantId: null };
