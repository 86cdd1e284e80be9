// Reading one exported Django row: the stored forms of the Fernet token, and status and term fields.
import { describe, expect, it } from "vitest";
import { fernetEncrypt, generateFernetKey, parseFernetKey } from "../crypto/fernet";
import type { DjangoLicenseRow } from "./django-license-csv";
import { readDjangoLicense } from "./read-django-license";

const key = parseFernetKey(generateFernetKey());
const token = fernetEncrypt(key, "LIC-1", { now: new Date("2025-03-04T05:06:07Z") });
const row = (over: Partial<DjangoLicenseRow>): DjangoLicenseRow => ({
  line: 2, username: "u", application: "reports", unique_id: "x", license: token, active: "True", expiration_date: "2030-01-31", ...over,
});

describe("readDjangoLicense", () => {
  it("accepts the token, base64 of the token and PostgreSQL's hex of it, saying which", () => {
    const forms = [token, Buffer.from(token).toString("base64"), `\\x${Buffer.from(token).toString("hex")}`];
    expect(forms.map((license) => readDjangoLicense(row({ license }), key))).toEqual([
      expect.objectContaining({ licenseText: "LIC-1", storedForm: "fernet-token" }),
      expect.objectContaining({ licenseText: "LIC-1", storedForm: "base64-of-fernet-token" }),
      expect.objectContaining({ licenseText: "LIC-1", storedForm: "postgres-hex-of-fernet-token", savedAt: new Date("2025-03-04T05:06:07Z") }),
    ]);
  });

  it("maps active and expiration_date: a date is valid through that day (UTC), a date-time ends at that instant", () => {
    expect(readDjangoLicense(row({ active: "f", expiration_date: "2030-01-31" }), key)).toMatchObject({ active: false, endsAt: new Date("2030-02-01T00:00:00Z") });
    expect(readDjangoLicense(row({ active: "1", expiration_date: "2030-01-31 08:00:00+02:00" }), key)).toMatchObject({ active: true, endsAt: new Date("2030-01-31T06:00:00Z") });
    expect(readDjangoLicense(row({ expiration_date: "2030-01-31T08:00:00.123456" }), key)).toMatchObject({ endsAt: new Date("2030-01-31T08:00:00.123Z") });
  });

  it("names what is wrong without echoing the secret", () => {
    const problems = [
      row({ active: "maybe" }),
      row({ expiration_date: "" }),
      row({ expiration_date: "31/01/2030" }),
      row({ license: "garbage" }),
      row({ license: token.slice(0, -8) + "AAAAAA==" }), // altered MAC
      row({ license: fernetEncrypt(key, "") }),
    ].map((r) => readDjangoLicense(r, key));
    expect(problems).toEqual([
      { problem: 'active is "maybe", expected True or False' },
      { problem: "expiration_date is empty; a Tessera license needs an end date" },
      { problem: 'expiration_date "31/01/2030" is not a date (YYYY-MM-DD) or date-time' },
      { problem: "license is neither a Fernet token nor base64 of one" },
      { problem: "license does not decrypt with this Fernet key (wrong key, or the value was altered)" },
      { problem: "license decrypts to text of 0 characters; expected 1 to 512 (the longest key validation accepts)" },
    ]);
  });

  it("refuses days and times the calendar lacks, in a date-time as in a date", () => {
    for (const expiration_date of ["2026-02-30", "2026-02-30 12:00", "2026-04-31T08:00:00+02:00", "2026-06-30 24:00", "2026-06-30 23:60", "2026-06-30 23:59:60", "2026-06-30 12:00+24:00", "0099-01-01 12:00"]) {
      expect(readDjangoLicense(row({ expiration_date }), key), expiration_date).toEqual({ problem: `expiration_date "${expiration_date}" is not a date (YYYY-MM-DD) or date-time` });
    }
    expect(readDjangoLicense(row({ expiration_date: "2028-02-29 23:59:59+0100" }), key)).toMatchObject({ endsAt: new Date("2028-02-29T22:59:59Z") });
  });

  it("refuses what the write or later use would refuse: control characters, secret shapes, long holders and keys", () => {
    const secretShaped = `tlk_${"A".repeat(43)}`;
    expect([
      row({ username: "ada\u0000" }),
      row({ unique_id: "x\u0085" }),
      row({ application: "reports\u202e" }),
      row({ username: secretShaped }),
      row({ username: "u".repeat(201) }),
      row({ license: fernetEncrypt(key, "K".repeat(513)) }),
      row({ license: fernetEncrypt(key, "LIC\u0000-1") }),
    ].map((r) => readDjangoLicense(r, key))).toEqual([
      { problem: "username: Remove control characters." },
      { problem: "unique_id: Remove control characters." },
      { problem: "application: Remove the invisible text-direction characters (bidirectional controls)." },
      { problem: "username: This looks like a Tessera key or token: never put a secret here." },
      { problem: "username: At most 200 characters." },
      { problem: "license decrypts to text of 513 characters; expected 1 to 512 (the longest key validation accepts)" },
      { problem: "license decrypts to text with a NUL character, which no validation request can carry" },
    ]);
    expect(readDjangoLicense(row({ license: fernetEncrypt(key, "K".repeat(512)) }), key)).toMatchObject({ licenseText: "K".repeat(512) });
  });
});
