// What the hot paths tell the anomaly detector: one small plain object per sign-in, token use, grant,
// refusal and administrative action, built from what the request already knows (no lookup, no secret:
// ids, certificate identities, thumbprints, addresses). The detector reads them later, in batches.

/** Every event carries its time (ms since epoch) and, where known, its tenant. */
type Base = { at: number; tenantId: string | null };

export type DetectorEvent =
  | (Base & {
      type: "introspection";
      /** The resource server that asked (its certificate identity) and its address. */
      caller: string;
      address: string | null;
      /** null: the token is unknown or malformed (enumeration counts these). */
      tokenId: string | null;
      licenseId: string | null;
      /** The thumbprint of the certificate the token was presented over (RFC 8705 cnf), when forwarded. */
      presentedThumbprint: string | null;
      outcome: string; // "active" or the inactive reason (metrics/access-metrics.ts InactiveReason)
    })
  | (Base & { type: "validation"; caller: string; address: string | null; licenseId: string | null; scope: string | null; outcome: string })
  | (Base & { type: "grant"; caller: string; address: string | null; clientId: string | null; licenseId: string | null; outcome: string })
  /** deviceId: the device cookie's device the browser presented (null: none valid); rememberedDeviceId: the one it now carries. */
  | (Base & { type: "sign-in"; userId: string | null; email: string; address: string | null; deviceId: string | null; rememberedDeviceId: string | null; outcome: "success" | "failure" })
  | (Base & { type: "refusal"; caller: string | null; userId: string | null; address: string | null; route: string; reason: string })
  | (Base & { type: "admin"; userId: string; action: string; address: string | null });

export type DetectorEventType = DetectorEvent["type"];

/** Where a hot path pushes: never awaited, never throws, drops (and counts) when full. */
export type DetectorFeed = { push(event: DetectorEvent): void };
