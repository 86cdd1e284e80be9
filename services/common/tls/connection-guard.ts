// Keeps a service's live mTLS connections within the policy: each new or resumed connection's client
// certificate is checked once (resumed sessions skip the TLS stack's own checks), a CRL change ends every
// connection whose certificate it now lists, and each request asks `refusal`, which costs one comparison
// and a clock read unless the revocation list changed since its connection was last checked.
import type { Server } from "node:https";
import type { TLSSocket } from "node:tls";
import type { ConnectionRefusalReason } from "../../../contracts/route-policy";
import { certificateValidUntil, normaliseSerial, peerCertificateProblem } from "../../../contracts/tls-policy";

type Log = { warn(details: object, message: string): void };

const checkedAt = Symbol("tessera.revocationGeneration");
const validUntil = Symbol("tessera.certificateValidUntil");
type GuardedSocket = TLSSocket & { [checkedAt]?: number; [validUntil]?: number };

export type ConnectionGuard = {
  /**
   * Why a request on this connection may not be served now, or null when it may: its certificate has
   * expired, or it has been revoked (a connection the guard never admitted or has ended counts as revoked).
   */
  refusal(socket: TLSSocket): ConnectionRefusalReason | null;
  /** Takes a new revocation list; returns how many live connections it ended (none when the list is unchanged). */
  setRevoked(serials: ReadonlySet<string>): { changed: boolean; ended: number };
};

function sameSet(a: ReadonlySet<string>, b: ReadonlySet<string>): boolean {
  if (a.size !== b.size) return false;
  for (const x of a) if (!b.has(x)) return false;
  return true;
}

export function guardConnections(server: Server, initial: ReadonlySet<string>, log: Log): ConnectionGuard {
  let revoked = initial;
  let generation = 0;
  /** Live connections and their client certificate's serial. */
  const live = new Map<GuardedSocket, string>();

  // Before the HTTP layer's own listener, so that a refused connection never reaches it.
  server.prependListener("secureConnection", (socket: GuardedSocket) => {
    const cert = socket.getPeerCertificate();
    const problem = peerCertificateProblem(cert, { usage: "client", revoked, now: Date.now() });
    if (problem) {
      log.warn({ identity: cert?.subject?.CN, serial: cert?.serialNumber, resumed: socket.isSessionReused(), problem }, "client certificate refused");
      socket.destroy();
      return;
    }
    live.set(socket, normaliseSerial(cert.serialNumber));
    socket[checkedAt] = generation;
    socket[validUntil] = certificateValidUntil(cert);
    socket.once("close", () => live.delete(socket));
  });

  return {
    refusal(socket: GuardedSocket) {
      if (socket[checkedAt] !== generation) {
        const serial = live.get(socket);
        if (serial === undefined || revoked.has(serial)) return "certificate-revoked";
        socket[checkedAt] = generation;
      }
      return Date.now() < (socket[validUntil] ?? 0) ? null : "certificate-expired";
    },
    setRevoked(serials) {
      if (sameSet(revoked, serials)) return { changed: false, ended: 0 };
      revoked = serials;
      generation += 1;
      let ended = 0;
      for (const [socket, serial] of live) {
        if (!serials.has(serial)) continue;
        socket.destroy();
        live.delete(socket);
        ended += 1;
      }
      return { changed: true, ended };
    },
  };
}
