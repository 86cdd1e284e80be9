// Why a secret under a retired key is refused (issue 11 §3, minimum decryption version): the rotation that
// retired it moved every record it could read off the key, so what still meets it was left out on purpose
// (counted and reported by that job) or restored from an old backup. The sentence says what to do.
import { AppError } from "../../common/http/app-error";
import { KeyringError } from "./storage-keyring";

export class RetiredKey extends AppError {
  constructor(what: string, internal: string) {
    super(
      "gone",
      `This secret is sealed under ${what}, which was retired after a storage key rotation and is no longer used for decryption. ` +
        "An operator can lower the keyring's minimum decryption version (tessera keys status shows it) to read it and rewrap it.",
      { reason: "retired-key", internal },
    );
  }
}

/** A keyring refusal of a retired version, as the person's error; other errors pass unchanged. */
export function asRetiredKey(e: unknown): unknown {
  if (e instanceof KeyringError && e.reason === "retired-version") return new RetiredKey("a retired storage key version", e.message);
  return e;
}
