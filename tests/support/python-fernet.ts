// Python's `cryptography` Fernet as an independent implementation for tests: one python3 process runs a
// batch of operations. Missing python3 or `cryptography` is a test FAILURE with the package to install.
import { execFileSync } from "node:child_process";

export type PythonFernetOp =
  | { op: "encrypt"; key: string; message: string; at?: number }
  | { op: "decrypt"; key: string; token: string; ttl?: number; at?: number };

export type PythonFernetResult = { ok: true; value: string } | { ok: false; error: string };

const script = String.raw`
import json, sys
from cryptography.fernet import Fernet, InvalidToken
out = []
for o in json.load(sys.stdin):
    f = Fernet(o["key"].encode())
    try:
        if o["op"] == "encrypt":
            m = o["message"].encode()
            t = f.encrypt_at_time(m, o["at"]) if o.get("at") is not None else f.encrypt(m)
            out.append({"ok": True, "value": t.decode()})
        else:
            tok = o["token"].encode()
            if o.get("at") is not None:
                v = f.decrypt_at_time(tok, o["ttl"], o["at"])
            else:
                v = f.decrypt(tok, o.get("ttl"))
            out.append({"ok": True, "value": v.decode()})
    except InvalidToken:
        out.append({"ok": False, "error": "InvalidToken"})
json.dump(out, sys.stdout)
`;

export function assertPythonFernetAvailable(): void {
  try {
    execFileSync("python3", ["-c", "from cryptography.fernet import Fernet"], { stdio: "pipe" });
  } catch {
    throw new Error(
      "python3 with the `cryptography` package is required for the Fernet interoperability tests " +
        "(Debian/Ubuntu: apt-get install python3-cryptography; or pip install cryptography).",
    );
  }
}

export function pythonFernet(ops: PythonFernetOp[]): PythonFernetResult[] {
  const stdout = execFileSync("python3", ["-c", script], { input: JSON.stringify(ops), encoding: "utf8" });
  return JSON.parse(stdout) as PythonFernetResult[];
}

/** A fresh Fernet key from Python's own Fernet.generate_key(). */
export function pythonFernetKey(): string {
  return execFileSync("python3", ["-c", "from cryptography.fernet import Fernet; print(Fernet.generate_key().decode())"], { encoding: "utf8" }).trim();
}
