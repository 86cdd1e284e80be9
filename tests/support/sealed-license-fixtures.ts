// Many license rows with real sealed keys, fast: sealed in Node under each tenant's live data key (the first
// `underKeyring` under the keyring itself, the form before data keys), inserted 5 000 at a time with one
// multi-row INSERT (unnest) each. The key digest column lets a test check that each opens to its own key.
// Used by tests/integration/storage-rotation.test.ts and bench/rewrap.ts.
import { digestLicenseKey, generateLicenseKey, sealLicenseKey, sealLicenseKeyUnder } from "../../services/access/domain/licenses/license-key";
import { newId } from "../../services/access/domain/secrets/ids";
import { liveDataKey } from "../../services/access/keys/tenant-data-keys";
import type { AccessHarness } from "./start-access-service";

export async function seedSealedLicenses(
  h: AccessHarness,
  input: { count: number; underKeyring?: number; tenantIds: string[]; componentId: string; tierId: string },
): Promise<void> {
  const chunk = 5_000;
  const dataKeys = new Map(await Promise.all(input.tenantIds.map(async (id) => [id, await liveDataKey(h.prisma, h.ctx.keyring, h.ctx.dataKeys, id)] as const)));
  for (let start = 0; start < input.count; start += chunk) {
    const rows: { id: string; tenantId: string; ciphertext: string; digest: string }[] = [];
    for (let i = start; i < Math.min(input.count, start + chunk); i++) {
      const id = newId("lic");
      const tenantId = input.tenantIds[i % input.tenantIds.length];
      const key = generateLicenseKey();
      const ciphertext = i < (input.underKeyring ?? 0) ? sealLicenseKey(h.ctx.keyring, id, key) : sealLicenseKeyUnder(dataKeys.get(tenantId)!, id, key);
      rows.push({ id, tenantId, ciphertext, digest: digestLicenseKey(h.ctx.keys.secretDigest, key) });
    }
    await h.prisma.$executeRaw`
      insert into licenses (id, tenant_id, component_id, tier_id, seats, starts_at, ends_at, status, key_ciphertext, key_digest, holder_kind, holder_name, updated_at)
      select r.id, r.tenant_id, ${input.componentId}, ${input.tierId}, 1, now() - interval '1 day', now() + interval '365 days', 'expired'::"LicenseStatus", r.ct, r.digest, 'person'::"LicenseHolderKind", 'holder ' || r.id, now()
        from unnest(${rows.map((r) => r.id)}::text[], ${rows.map((r) => r.tenantId)}::text[], ${rows.map((r) => r.ciphertext)}::text[], ${rows.map((r) => r.digest)}::text[]) as r(id, tenant_id, ct, digest)`;
  }
  await h.prisma.$executeRawUnsafe(`analyze licenses`);
}
