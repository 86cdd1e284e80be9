// Which client certificates a service's live mTLS connections present, and when each certificate was last
// seen on a connection since the process started: the Security page's "connected now". Cheap: a map kept by
// the TLS server's own connection events, one entry per connection, nothing per request.
import type { Server } from "node:https";
import type { TLSSocket } from "node:tls";
import { normaliseSerial } from "../../../contracts/tls-policy";

export type PeerConnections = {
  /** Peers connected now, one row per certificate, with how many connections it holds. */
  live(): { identity: string; serial: string; connections: number; connectedSince: Date }[];
  /** The last time each certificate was seen connected (newest first). */
  lastSeen(): { identity: string; serial: string; lastSeenAt: Date }[];
  readonly observedSince: Date;
};

/** Certificates remembered for lastSeen; the oldest is forgotten first. */
const maxRemembered = 1_000;

export function trackPeerConnections(server: Server, now: () => Date = () => new Date()): PeerConnections {
  const observedSince = now();
  const live = new Map<TLSSocket, { identity: string; serial: string; since: Date }>();
  const seen = new Map<string, { identity: string; serial: string; lastSeenAt: Date }>();
  const remember = (identity: string, serial: string) => {
    seen.delete(serial);
    seen.set(serial, { identity, serial, lastSeenAt: now() });
    if (seen.size > maxRemembered) seen.delete(seen.keys().next().value!);
  };

  // Registered after the connection guard (which destroys a refused connection first): only admitted peers count.
  server.on("secureConnection", (socket: TLSSocket) => {
    if (socket.destroyed) return;
    const cert = socket.getPeerCertificate();
    if (!cert?.serialNumber) return;
    const peer = { identity: String(cert.subject?.CN ?? "unknown"), serial: normaliseSerial(cert.serialNumber), since: now() };
    live.set(socket, peer);
    remember(peer.identity, peer.serial);
    socket.once("close", () => {
      live.delete(socket);
      remember(peer.identity, peer.serial);
    });
  });

  return {
    observedSince,
    live() {
      const bySerial = new Map<string, { identity: string; serial: string; connections: number; connectedSince: Date }>();
      for (const peer of live.values()) {
        const row = bySerial.get(peer.serial);
        if (!row) bySerial.set(peer.serial, { identity: peer.identity, serial: peer.serial, connections: 1, connectedSince: peer.since });
        else {
          row.connections += 1;
          if (peer.since < row.connectedSince) row.connectedSince = peer.since;
        }
      }
      return [...bySerial.values()].sort((a, b) => a.identity.localeCompare(b.identity) || a.serial.localeCompare(b.serial));
    },
    lastSeen() {
      return [...seen.values()].reverse();
    },
  };
}
