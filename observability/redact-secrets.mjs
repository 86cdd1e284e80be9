// Keeps secrets out of every process's logs (and out of error reports), in one place: every log line
// passes through here on its way out, so a secret in a URL (invitation and setup links), an error
// message or any field is cut down to its prefix, whoever logged it. The one value allowed through is the
// setup link that an access service without an administrator prints at start (`setupUrl`): that print is
// how the operator receives it. Plain JavaScript: the web tier's own server (lib/web-server/serve-web.mjs)
// runs it in plain Node before Next.js. Types: redact-secrets.d.mts.
import { Writable } from "node:stream";

/** Our secrets' prefixes (contracts: sessions, tokens, setup and invitation links, device cookies, license keys). */
const secretPrefixes = ["tss", "tsr", "tsu", "tsi", "tsd", "tlk"];
const secret = new RegExp(`\\b(${secretPrefixes.join("|")})_[A-Za-z0-9_.~-]{6,}`, "g");
const keptField = /"setupUrl":"[^"]*"/g;

/** `text` with every secret reduced to `prefix_…`; the setup link's own field is kept. */
export function redactSecrets(text) {
  const kept = [];
  const masked = text.replace(keptField, (field) => `\u0000${kept.push(field) - 1}\u0000`);
  return masked.replace(secret, (_m, prefix) => `${prefix}_[redacted]`).replace(/\u0000(\d+)\u0000/g, (_m, i) => kept[Number(i)]);
}

/** A log destination that redacts each line, then writes it to `out` (stdout by default). */
export function redactingStream(out = process.stdout) {
  return new Writable({
    write(chunk, _encoding, done) {
      out.write(redactSecrets(chunk.toString()));
      done();
    },
  });
}
