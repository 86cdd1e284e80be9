// Resource servers for tests: the certificate identities allowed to introspect a component's tokens and
// validate its licenses, written straight into the database (the endpoints are tested on their own).
import type { AccessHarness } from "./start-access-service";

/** The component identity the test catalogue's components are served by unless a test says otherwise. */
export const testResourceServer = "reports-worker";

/** Registers `identity` as a resource server of each component (already registered: left as it is). */
export async function serveComponents(h: AccessHarness, identity: string, componentIds: string[]): Promise<void> {
  await h.prisma.resourceServer.createMany({ data: componentIds.map((componentId) => ({ componentId, identity })), skipDuplicates: true });
  await h.validationCache?.feed.sync(); // the change reaches this process's caches before the test goes on
}
