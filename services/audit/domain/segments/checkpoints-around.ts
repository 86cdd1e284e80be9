// The signed checkpoints around a seq range, from the checkpoint file (oldest first, one JWS a line):
// the newest anchoring an event before `firstSeq` (null: the chain's beginning) and the oldest anchoring
// `lastSeq` or later (null: none yet). Read a line at a time; the payloads are only decoded here, the
// verifier checks the signatures of the two it gets.
import fs from "node:fs";
import readline from "node:readline";

type Found = { jws: string; seq: number };

export async function checkpointsAround(file: string, firstSeq: number, lastSeq: number): Promise<{ start: Found | null; end: Found | null; newest: Found | null }> {
  let start: Found | null = null;
  let end: Found | null = null;
  let newest: Found | null = null;
  if (!fs.existsSync(file)) return { start, end, newest };
  const lines = readline.createInterface({ input: fs.createReadStream(file, "utf8"), crlfDelay: Infinity });
  for await (const line of lines) {
    const jws = line.trim();
    const seq = seqOf(jws);
    if (seq === null) continue;
    const found = { jws, seq };
    if (seq < firstSeq && (!start || seq >= start.seq)) start = found;
    if (seq >= lastSeq && (!end || seq < end.seq)) end = found;
    if (!newest || seq >= newest.seq) newest = found;
  }
  return { start, end, newest };
}

function seqOf(jws: string): number | null {
  const payload = jws.split(".")[1];
  if (!payload) return null;
  try {
    const seq = (JSON.parse(Buffer.from(payload, "base64url").toString("utf8")) as { seq?: unknown }).seq;
    return typeof seq === "number" && Number.isInteger(seq) ? seq : null;
  } catch {
    return null;
  }
}
