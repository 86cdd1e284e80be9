// Raw TLS probes of a service for revocation tests and the revocation bench: one GET /healthz on a new
// connection, optionally resuming a TLS session, reporting whether it was answered 200 and whether it resumed.
import tls from "node:tls";

export type ProbeMaterial = { ca: Buffer; cert: Buffer; key: Buffer };
export type ProbeResult = { answered: boolean; resumed: boolean; session?: Buffer };

export function probeHealth(port: number, material: ProbeMaterial, session?: Buffer, timeoutMs = 5_000): Promise<ProbeResult> {
  return new Promise((resolve) => {
    let ticket: Buffer | undefined;
    let data = "";
    let resumed = false;
    const socket = tls.connect({ host: "127.0.0.1", port, ...material, session, minVersion: "TLSv1.3" }, () => {
      resumed = socket.isSessionReused();
      socket.write("GET /healthz HTTP/1.1\r\nhost: probe\r\nconnection: close\r\n\r\n");
    });
    const finish = () => {
      clearTimeout(timer);
      socket.destroy();
      resolve({ answered: data.startsWith("HTTP/1.1 200"), resumed, session: ticket });
    };
    const timer = setTimeout(finish, timeoutMs);
    socket.on("session", (s: Buffer) => (ticket = s));
    socket.on("data", (d) => (data += d.toString()));
    socket.on("end", finish);
    socket.on("close", finish);
    socket.on("error", finish);
  });
}

/** Probes until one is answered with a session ticket (the server sends tickets after the handshake). */
export async function sessionTicket(port: number, material: ProbeMaterial): Promise<Buffer> {
  for (let attempt = 0; attempt < 20; attempt++) {
    const r = await probeHealth(port, material);
    if (r.answered && r.session) return r.session;
  }
  throw new Error("the server gave no session ticket");
}
