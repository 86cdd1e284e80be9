// Asks a host, in its own wire protocol and no further than needed, whether it lets a client in without
// a password or with the product's default one: PostgreSQL (a startup message with no password: does the
// server answer AuthenticationOk, i.e. trust?), AMQP 0-9-1 (Connection.StartOk with PLAIN guest/guest:
// does the broker go on to Connection.Tune?) and Redis (PING with no AUTH: +PONG?). Nothing is written or
// read on the host; the socket is closed as soon as the answer is known.
import net from "node:net";

export type ProbeVerdict = {
  /** The host let the probe in: a finding. */
  accepted: boolean;
  /** What the host answered, in words (no credential). */
  answer: string;
};

const timeoutMs = 5_000;

/** Opens a TCP connection, writes `hello`, and feeds what comes back to `read` until it decides. */
function converse(host: string, port: number, hello: Buffer, read: (data: Buffer, socket: net.Socket) => ProbeVerdict | null): Promise<ProbeVerdict> {
  return new Promise((resolve, reject) => {
    const socket = net.connect({ host, port });
    let received = Buffer.alloc(0);
    let settled = false;
    const finish = (error: Error | null, verdict?: ProbeVerdict) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      socket.destroy();
      if (error) reject(error);
      else resolve(verdict!);
    };
    const timer = setTimeout(() => finish(new Error(`no answer from ${host}:${port} within ${timeoutMs / 1000} s`)), timeoutMs);
    socket.once("connect", () => socket.write(hello));
    socket.on("data", (chunk: Buffer) => {
      received = Buffer.concat([received, chunk]);
      try {
        const verdict = read(received, socket);
        if (verdict) finish(null, verdict);
      } catch (e) {
        finish(e as Error);
      }
    });
    socket.once("error", (e) => finish(new Error(`could not connect to ${host}:${port}: ${(e as NodeJS.ErrnoException).code ?? e.message}`)));
    socket.once("close", () => finish(new Error(`${host}:${port} closed the connection before answering`)));
  });
}

// ---- PostgreSQL (protocol 3.0) -------------------------------------------------------------------

const pgAuthNames: Record<number, string> = { 2: "Kerberos", 3: "a cleartext password", 5: "an MD5 password", 7: "GSSAPI", 9: "SSPI", 10: "SASL (SCRAM)" };

/** Connects as `user` to `database` without a password: AuthenticationOk means the server trusts the user. */
export function probePostgres(host: string, port: number, user: string, database: string): Promise<ProbeVerdict> {
  const params = Buffer.from(`user\0${user}\0database\0${database}\0application_name\0tessera-selfcheck\0\0`);
  const startup = Buffer.alloc(8 + params.length);
  startup.writeInt32BE(startup.length, 0);
  startup.writeInt32BE(196608, 4); // protocol 3.0
  params.copy(startup, 8);
  return converse(host, port, startup, (data) => {
    if (data.length < 5) return null;
    const type = String.fromCharCode(data[0]);
    const length = data.readInt32BE(1);
    if (data.length < 1 + length) return null;
    if (type === "R") {
      const code = data.readInt32BE(5);
      if (code === 0) return { accepted: true, answer: `let user "${user}" in without a password (trust authentication)` };
      return { accepted: false, answer: `asked user "${user}" for ${pgAuthNames[code] ?? `authentication method ${code}`}` };
    }
    if (type === "E") {
      const fields = data.subarray(5, 1 + length).toString("utf8").split("\0");
      const message = fields.find((f) => f.startsWith("M"))?.slice(1) ?? "an error";
      return { accepted: false, answer: `refused user "${user}": ${message}` };
    }
    throw new Error(`unexpected PostgreSQL message "${type}"`);
  });
}

// ---- AMQP 0-9-1 ----------------------------------------------------------------------------------

const amqpHeader = Buffer.from([0x41, 0x4d, 0x51, 0x50, 0, 0, 9, 1]); // "AMQP" 0-9-1
const frameEnd = 0xce;

function shortString(s: string): Buffer {
  const b = Buffer.from(s, "utf8");
  return Buffer.concat([Buffer.from([b.length]), b]);
}
function longString(b: Buffer): Buffer {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(b.length);
  return Buffer.concat([len, b]);
}
function methodFrame(classId: number, methodId: number, args: Buffer): Buffer {
  const payload = Buffer.alloc(4);
  payload.writeUInt16BE(classId, 0);
  payload.writeUInt16BE(methodId, 2);
  const body = Buffer.concat([payload, args]);
  const header = Buffer.alloc(7);
  header.writeUInt8(1, 0); // method frame
  header.writeUInt16BE(0, 1); // channel 0
  header.writeUInt32BE(body.length, 3);
  return Buffer.concat([header, body, Buffer.from([frameEnd])]);
}

/** One method frame from the start of `data`, or null while incomplete. */
function readMethod(data: Buffer): { classId: number; methodId: number; args: Buffer; size: number } | null {
  if (data.length < 7) return null;
  const size = data.readUInt32BE(3);
  if (data.length < 8 + size) return null;
  if (data[0] !== 1) throw new Error(`unexpected AMQP frame type ${data[0]}`);
  return { classId: data.readUInt16BE(7), methodId: data.readUInt16BE(9), args: data.subarray(11, 7 + size), size: 8 + size };
}

/**
 * Speaks AMQP 0-9-1 up to the broker's answer to PLAIN `user`/`password` (by default RabbitMQ's guest/guest):
 * Connection.Tune means accepted; Connection.Close (403 ACCESS_REFUSED) or a closed socket means refused.
 */
export function probeAmqp(host: string, port: number, user = "guest", password = "guest"): Promise<ProbeVerdict> {
  let started = false;
  let offset = 0;
  // The answer names the default account it tried in full, any other credential by its user only.
  const said = user === "guest" && password === "guest" ? "PLAIN guest/guest" : `PLAIN sign-in as "${user}"`;
  return new Promise<ProbeVerdict>((resolve, reject) => {
    converse(host, port, amqpHeader, (data, socket) => {
      if (data.length >= 8 && data.subarray(0, 4).toString("latin1") === "AMQP") {
        throw new Error(`the broker does not speak AMQP 0-9-1 (it offered ${[...data.subarray(4, 8)].join(".")})`);
      }
      for (;;) {
        const frame = readMethod(data.subarray(offset));
        if (!frame) return null;
        offset += frame.size;
        if (frame.classId === 10 && frame.methodId === 10 && !started) {
          // Connection.Start: answer Connection.StartOk (client-properties, mechanism, response, locale).
          started = true;
          const mechanismsAt = frame.args.readUInt32BE(2) + 6; // version-major, version-minor, server-properties table
          const mechanisms = frame.args.subarray(mechanismsAt + 4, mechanismsAt + 4 + frame.args.readUInt32BE(mechanismsAt)).toString("latin1");
          if (!mechanisms.split(" ").includes("PLAIN")) return { accepted: false, answer: `offers no PLAIN sign-in (mechanisms: ${mechanisms})` };
          const clientProperties = Buffer.alloc(4); // an empty table
          const response = Buffer.from(`\0${user}\0${password}`, "utf8");
          socket.write(methodFrame(10, 11, Buffer.concat([clientProperties, shortString("PLAIN"), longString(response), shortString("en_US")])));
          continue;
        }
        if (frame.classId === 10 && frame.methodId === 30) return { accepted: true, answer: `accepted ${said} (Connection.Tune)` };
        if (frame.classId === 10 && frame.methodId === 50) {
          const code = frame.args.readUInt16BE(0);
          const text = frame.args.subarray(3, 3 + frame.args[2]).toString("utf8").split(" - ")[0];
          return { accepted: false, answer: `refused ${said}: ${code} ${text}` };
        }
        throw new Error(`unexpected AMQP method ${frame.classId}.${frame.methodId}`);
      }
    }).then(resolve, (e: Error) => {
      // RabbitMQ may simply close (or reset) the socket after a refused sign-in.
      if (started && /closed the connection|ECONNRESET|EPIPE/.test(e.message)) resolve({ accepted: false, answer: `refused ${said} (closed the connection)` });
      else reject(e);
    });
  });
}

// ---- Redis (RESP) --------------------------------------------------------------------------------

/** PING with no AUTH: +PONG means anyone who reaches the port may read and write. */
export function probeRedis(host: string, port: number): Promise<ProbeVerdict> {
  return converse(host, port, Buffer.from("PING\r\n"), (data) => {
    const line = data.toString("utf8");
    const end = line.indexOf("\r\n");
    if (end < 0) return null;
    const first = line.slice(0, end);
    if (first === "+PONG") return { accepted: true, answer: "answered PING without AUTH" };
    if (first.startsWith("-")) return { accepted: false, answer: `refused PING without AUTH (${first.slice(1).split(" ")[0]})` };
    throw new Error(`unexpected Redis answer ${JSON.stringify(first.slice(0, 40))}`);
  });
}
