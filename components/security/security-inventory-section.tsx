"use client";
// Keys and certificates on the Security page (platform administrators): what the access service reports
// of them, read-only. Storage key rotation is its own section (storage-rotation-section.tsx); certificates stay with `tessera pki`.
import { useQuery } from "@tanstack/react-query";
import type { SecurityInventoryResponse } from "@/contracts/security-inventory-api";
import { LocalTime } from "@/components/audit/local-time";
import { apiFetch } from "@/lib/client/api-fetch";
import { CertificateTables } from "./certificate-tables";
import { KeyInventoryTables } from "./key-inventory-tables";

export function SecurityInventorySection() {
  const inventory = useQuery({
    queryKey: ["security", "inventory"],
    queryFn: ({ signal }) => apiFetch<SecurityInventoryResponse>("/api/security/inventory", { signal }),
  });
  return (
    <section aria-labelledby="keys-and-certificates" className="space-y-6">
      <div>
        <h2 id="keys-and-certificates" className="text-lg font-semibold">
          Keys and certificates
        </h2>
        <p className="mt-1 text-sm text-slate-700">
          Metadata only: no key leaves the hosts that hold it.
          {inventory.data ? (
            <>
              {" "}
              As of <LocalTime iso={inventory.data.generatedAt} />.
            </>
          ) : null}
        </p>
      </div>
      <KeyInventoryTables data={inventory.data} query={inventory} />
      <CertificateTables data={inventory.data} query={inventory} />
    </section>
  );
}
