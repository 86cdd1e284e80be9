// Per-tenant data keys: the ciphertext form, binding to the record, the in-memory cache following the row
// (a rewrapped key is unwrapped again, a destroyed one is forgotten and answered 410 saying why), and both
// forms of stored secrets opening through one function.
import { randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import { createKeyring } from "./storage-keyring";
import { createDataKeyCache, DataKeyDestroyed, dataKeyIdOf, openSealed, sealWithDataKey } from "./tenant-data-keys";

type Row = { id: string; tenantId: string; wrappedKey: string | null; destroyedAt: Date | null; dispositionId: string | null };

/** A stand-in for the tenant_data_keys table: findUnique by id, counting reads. */
function table(rows: Row[]) {
  let reads = 0;
  return {
    get reads() {
      return reads;
    },
    tenantDataKey: {
      findUnique: async ({ where }: { where: { id: string } }) => {
        reads++;
        return rows.find((r) => r.id === where.id) ?? null;
      },
    },
  };
}

const keyring = createKeyring(1, new Map([[1, randomBytes(32)]]));
const id = "tdk_AAAAAAAAAAAAAAAA";
const tenantId = "ten_1";
const key = randomBytes(32);
const wrapped = () => keyring.encrypt(key.toString("base64"), `tenant-data-key:${id}:${tenantId}`);

describe("tenant data keys", () => {
  it("seal as <data key id>.<base64url>, bound to the record; keyring ciphertexts are not data-key ones", () => {
    const sealed = sealWithDataKey({ id, key }, "tlk_secret", "license:lic_1");
    expect(sealed).toMatch(/^tdk_AAAAAAAAAAAAAAAA\.[A-Za-z0-9_-]+$/);
    expect(sealed).not.toContain("secret");
    expect(dataKeyIdOf(sealed)).toBe(id);
    expect(dataKeyIdOf(keyring.encrypt("x", "y"))).toBeNull();
  });

  it("open in either form; another record's ciphertext fails authentication", async () => {
    const db = table([{ id, tenantId, wrappedKey: wrapped(), destroyedAt: null, dispositionId: null }]);
    const cache = createDataKeyCache();
    const sealed = sealWithDataKey({ id, key }, "tlk_secret", "license:lic_1");
    expect(await openSealed(db as never, keyring, cache, sealed, "license:lic_1")).toBe("tlk_secret");
    expect(await openSealed(db as never, keyring, cache, keyring.encrypt("tlk_old", "license:lic_2"), "license:lic_2")).toBe("tlk_old");
    await expect(openSealed(db as never, keyring, cache, sealed, "license:lic_2")).rejects.toThrow(/failed authentication/);
    await expect(openSealed(db as never, keyring, cache, "garbage", "license:lic_1")).rejects.toThrow(/not a keyring ciphertext/);
  });

  it("unwrap once and keep the key while the row holds the same wrapped form; a rewrapped row is unwrapped again", async () => {
    const row: Row = { id, tenantId, wrappedKey: wrapped(), destroyedAt: null, dispositionId: null };
    const db = table([row]);
    const cache = createDataKeyCache();
    const sealed = sealWithDataKey({ id, key }, "tlk_secret", "license:lic_1");
    await openSealed(db as never, keyring, cache, sealed, "license:lic_1");
    expect(cache.size).toBe(1);
    const cached = cache.get(id, row.wrappedKey!);
    expect(cached?.equals(key)).toBe(true);
    row.wrappedKey = wrapped(); // rewrapped (a keyring rotation): another ciphertext of the same key
    expect(cache.get(id, row.wrappedKey)).toBeUndefined();
    expect(await openSealed(db as never, keyring, cache, sealed, "license:lic_1")).toBe("tlk_secret");
    expect(db.reads).toBe(2); // every open reads the row: a key destroyed elsewhere is seen at once
  });

  it("a destroyed key is forgotten from memory and answered 410 with when and for which request", async () => {
    const row: Row = { id, tenantId, wrappedKey: wrapped(), destroyedAt: null, dispositionId: null };
    const db = table([row]);
    const cache = createDataKeyCache();
    const sealed = sealWithDataKey({ id, key }, "tlk_secret", "license:lic_1");
    await openSealed(db as never, keyring, cache, sealed, "license:lic_1");
    // Another access process destroys the key: this one still holds it in memory.
    Object.assign(row, { wrappedKey: null, destroyedAt: new Date("2026-12-02T10:00:00Z"), dispositionId: "dsp_x" });
    const refusal = await openSealed(db as never, keyring, cache, sealed, "license:lic_1").catch((e: unknown) => e);
    expect(refusal).toBeInstanceOf(DataKeyDestroyed);
    expect((refusal as DataKeyDestroyed).status).toBe(410);
    expect((refusal as DataKeyDestroyed).detail).toBe(
      "This secret can no longer be read: its district's data key was destroyed on 2026-12-02T10:00:00.000Z for disposition request dsp_x (crypto-shredding).",
    );
    expect(cache.size).toBe(0);
  });

  it("the cache is bounded, dropping the oldest first", () => {
    const cache = createDataKeyCache(2);
    cache.set("a", "wa", randomBytes(32));
    cache.set("b", "wb", randomBytes(32));
    cache.set("c", "wc", randomBytes(32));
    expect(cache.get("a", "wa")).toBeUndefined();
    expect(cache.get("c", "wc")).toBeDefined();
    expect(cache.size).toBe(2);
  });
});
