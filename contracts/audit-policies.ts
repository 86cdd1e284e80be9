// The audit service's endpoints and who may call each (see contracts/route-policy.ts): only the access
// service writes (every event passes its outbox and secret guard); the access service and the operator read.
import { policyTable } from "./route-policy";

export const auditPolicies = policyTable({
  "POST /v1/events": { callers: ["access"] },
  "GET /v1/events": { callers: ["access", "operator"] },
  "GET /v1/chain/verify": { callers: ["access", "operator"] },
  "GET /v1/chain/checkpoint": { callers: ["access", "operator"] },
  // the record of disclosures (issue 9 §4): the access service reads a tenant's, for the people it decides may
  "GET /v1/disclosures": { callers: ["access"] },
  "GET /v1/disclosures/activity": { callers: ["access"] },
  "GET /v1/chain/segment/bounds": { callers: ["access", "operator"] },
  "GET /v1/chain/segment/entries": { callers: ["access", "operator"] },
  "GET /v1/chain/verifications/latest": { callers: ["access", "operator"] },
});
export type AuditEndpoint = keyof typeof auditPolicies;
