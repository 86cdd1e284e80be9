// The header in which the web tier's own HTTP server (serve-web.mjs) records the TCP peer of each
// request, replacing whatever the browser sent under that name. Plain JavaScript because the server
// runs in plain Node before Next.js; lib/server/access-client.ts reads it. Types: peer-address.d.mts.
export const peerAddressHeader = "x-tessera-peer-address";
