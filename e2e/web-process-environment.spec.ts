// The running web process, as started by the launcher, holds no database URL and no storage, signing
// or audit key: read from the kernel's view of its environment, not from our own code.
import fs from "node:fs";
import { expect, test } from "@playwright/test";

test("the web process is started without any database URL or service key", async () => {
  const pid = process.env.TESSERA_E2E_WEB_PID;
  test.skip(!pid, "the system was started outside this run");
  const env = Object.fromEntries(
    fs.readFileSync(`/proc/${pid}/environ`, "utf8").split("\0").filter(Boolean).map((kv) => [kv.slice(0, kv.indexOf("=")), kv.slice(kv.indexOf("=") + 1)]),
  );
  expect(env.ACCESS_URL).toMatch(/^https:\/\//);
  expect(env.TLS_CERT_FILE).toMatch(/web\.crt$/);
  expect(Object.keys(env).filter((k) => /DATABASE|_KEY_FILE$|KEYRING|CHAIN|DIGEST|AUDIT/.test(k) && k !== "TLS_KEY_FILE")).toEqual([]);
  expect(Object.values(env).filter((v) => /postgres(ql)?:\/\/|ca\.key|secret-digest|chain\.key/.test(v))).toEqual([]);
});
