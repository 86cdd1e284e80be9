// Serves the built web tier as `next start -H host -p port` does, through Next.js's custom-server API,
// and records each request's TCP peer address in one header of our own. Why: Next.js fills
// X-Forwarded-For from the socket only when the request has none (`??=` in next/dist/server/
// base-server.js), so with no proxy in front a browser's own X-Forwarded-For arrives verbatim and the
// real peer is lost. lib/server/access-client.ts `clientAddress` decides, from WEB_TRUSTED_PROXY_HOPS,
// which of the two to believe.
//   node lib/web-server/serve-web.mjs -H 127.0.0.1 -p 3000
import http from "node:http";
import path from "node:path";
import { parseArgs } from "node:util";
import next from "next";
import { peerAddressHeader } from "./peer-address.mjs";

const { values } = parseArgs({ options: { hostname: { type: "string", short: "H", default: "0.0.0.0" }, port: { type: "string", short: "p", default: "3000" } } });
const hostname = values.hostname;
const port = Number(values.port);
const dir = path.resolve(import.meta.dirname, "../..");

const app = next({ dev: false, dir, hostname, port });
const handle = app.getRequestHandler();
await app.prepare();

const server = http.createServer((req, res) => {
  // Overwrite, never append: the browser may send this header too, and must not be believed.
  req.headers[peerAddressHeader] = req.socket.remoteAddress ?? "";
  void handle(req, res);
});
server.listen(port, hostname, () => console.log(`web tier listening on http://${hostname}:${port}`));

let stopping = false;
const stop = () => {
  if (stopping) return;
  stopping = true;
  server.close(() => void app.close().finally(() => process.exit(0)));
  server.closeIdleConnections();
  setTimeout(() => process.exit(0), 10_000).unref();
};
process.on("SIGTERM", stop);
process.on("SIGINT", stop);
