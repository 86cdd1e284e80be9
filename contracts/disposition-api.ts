// Disposition of a district's data (NDPA Exhibit D; C.R.S. 22-16-110): the access service's contract for
// the district's requests, the components' acknowledgements over mTLS and the certificate of destruction.
// Request and response shapes only; who may call each endpoint: contracts/access-policies.ts.
import { z } from "zod";
import { secretShaped } from "./plain-text";
import { componentKey } from "./catalogue-api";

export const dispositionScopes = ["all", "components", "students"] as const;
export type DispositionScope = (typeof dispositionScopes)[number];

export const dispositionScopeLabels: Record<DispositionScope, string> = {
  all: "All of the district's data",
  components: "The data held by some components",
  students: "The records of some students",
};

/** A pseudonymous student id as components report it: no names, no emails. */
export const studentId = z
  .string()
  .trim()
  .regex(/^[A-Za-z0-9][A-Za-z0-9._:-]{0,63}$/, "Use the pseudonymous id (1–64 letters, digits, . _ : or -), never a name or email.");

export const fileDispositionRequest = z
  .strictObject({
    /** Platform administrators file for a district; a district's own people file for their own (and may omit it). */
    tenantId: z.string().min(1).max(100).optional(),
    scope: z.enum(dispositionScopes, "Choose what is to be destroyed."),
    componentIds: z.array(z.string().min(1).max(100)).max(50).optional(),
    studentIds: z.array(studentId).max(1000, "At most 1000 students per request.").optional(),
    reason: z.string().trim().max(500, "Use at most 500 characters.").optional(),
    /** The person confirmed what will be destroyed: cannot be undone. */
    confirm: z.literal(true, "Confirm that this cannot be undone."),
  })
  .superRefine((input, ctx) => {
    if (input.scope === "components" && !input.componentIds?.length) ctx.addIssue({ code: "custom", path: ["componentIds"], message: "Choose at least one component." });
    if (input.scope === "students" && !input.studentIds?.length) ctx.addIssue({ code: "custom", path: ["studentIds"], message: "Enter at least one student id." });
    if (input.scope !== "components" && input.componentIds?.length) ctx.addIssue({ code: "custom", path: ["componentIds"], message: "Components are chosen only for a request about some components." });
    if (input.scope !== "students" && input.studentIds?.length) ctx.addIssue({ code: "custom", path: ["studentIds"], message: "Students are named only for a request about some students." });
  });
export type FileDispositionRequest = z.infer<typeof fileDispositionRequest>;

export const dispositionPartDto = z.object({
  componentId: z.string(),
  componentKey: z.string(),
  componentName: z.string(),
  acknowledgedAt: z.iso.datetime().nullable(),
  acknowledgedBy: z.string().nullable(),
  statement: z.string().nullable(),
});
export type DispositionPartDto = z.infer<typeof dispositionPartDto>;

/** What Tessera destroyed of the district's data itself, and what it keeps (and why). */
export const tesseraEvidence = z.object({
  destroyed: z.array(z.string()),
  kept: z.array(z.string()),
  dataKey: z.object({ keyId: z.string(), destroyedAt: z.iso.datetime(), destroyedBy: z.string(), protectedRecords: z.number().int() }).nullable(),
  licensesRevoked: z.number().int(),
});
export type TesseraEvidence = z.infer<typeof tesseraEvidence>;

export const dispositionStates = ["awaiting-components", "complete"] as const;
export type DispositionState = (typeof dispositionStates)[number];

export const dispositionDto = z.object({
  id: z.string(), // dsp_…
  tenant: z.object({ id: z.string(), name: z.string(), slug: z.string() }),
  scope: z.enum(dispositionScopes),
  studentIds: z.array(z.string()),
  reason: z.string(),
  requestedBy: z.string(),
  createdAt: z.iso.datetime(),
  state: z.enum(dispositionStates),
  parts: z.array(dispositionPartDto),
  /** Components that have not acknowledged yet, by name. */
  awaiting: z.array(z.string()),
  tessera: z.object({ doneAt: z.iso.datetime().nullable(), evidence: tesseraEvidence.nullable() }),
  completedAt: z.iso.datetime().nullable(),
  hasCertificate: z.boolean(),
  auditEventIds: z.array(z.string()),
});
export type DispositionDto = z.infer<typeof dispositionDto>;

export const dispositionIdParams = z.object({ id: z.string().min(1).max(100) });

export const listDispositionsQuery = z.strictObject({
  tenantId: z.string().min(1).max(100).optional(),
  /** Part of the request id, the requester's e-mail, the reason, a component's name or key, the district's name or slug; or a whole student id. */
  search: z.string().trim().max(100, "Use at most 100 characters.").optional(),
  page: z.coerce.number().int().min(1).max(10_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(100).default(20),
});
/** GET /v1/disposition-options: what a filing form offers (the districts one may file for; a district's licensed components). */
export const dispositionOptionsQuery = z.strictObject({ tenantId: z.string().min(1).max(100).optional() });
export const dispositionOptionsResponse = z.object({
  districts: z.array(z.object({ id: z.string(), name: z.string(), slug: z.string() })),
  components: z.array(z.object({ id: z.string(), key: z.string(), name: z.string() })),
});
export type DispositionOptionsResponse = z.infer<typeof dispositionOptionsResponse>;

export const listDispositionsResponse = z.object({ dispositions: z.array(dispositionDto), total: z.number().int(), page: z.number().int(), pageSize: z.number().int() });
export type ListDispositionsResponse = z.infer<typeof listDispositionsResponse>;

export const dispositionResponse = z.object({ disposition: dispositionDto });
export type DispositionResponse = z.infer<typeof dispositionResponse>;

/** POST /v1/dispositions/:id/acknowledgements (components over mTLS): the component has deleted what it held. */
export const acknowledgeDispositionRequest = z.strictObject({
  component: componentKey,
  /** What was deleted, in the component's words (e.g. "412 records in reports_db, backups expire 2026-12-30"). */
  statement: z
    .string()
    .trim()
    .min(1, "Say what was deleted.")
    .max(1000, "Use at most 1000 characters.")
    // It goes into the audit chain, where nothing shaped like a Tessera secret may go.
    .refine((text) => !secretShaped.test(text), "Describe what was deleted; never paste a key or token."),
});
export type AcknowledgeDispositionRequest = z.infer<typeof acknowledgeDispositionRequest>;
export const acknowledgeDispositionResponse = z.object({ disposition: z.object({ id: z.string(), state: z.enum(dispositionStates), awaiting: z.array(z.string()) }) });

/** GET /v1/component-dispositions (components over mTLS): parts still to delete for the components the caller serves. */
export const pendingDispositionsResponse = z.object({
  pending: z.array(
    z.object({
      dispositionId: z.string(),
      tenantId: z.string(),
      component: z.string(),
      scope: z.enum(dispositionScopes),
      studentIds: z.array(z.string()),
      createdAt: z.iso.datetime(),
    }),
  ),
});
export type PendingDispositionsResponse = z.infer<typeof pendingDispositionsResponse>;

/** The certificate of destruction as a compact JWS, with the key that signed it (also in GET /.well-known/jwks.json). */
export const dispositionCertificateResponse = z.object({ certificate: z.string(), kid: z.string(), jwksUrl: z.string() });
export type DispositionCertificateResponse = z.infer<typeof dispositionCertificateResponse>;

/** The JWS's protected header `typ` and its claims. */
export const dispositionCertificateType = "tessera-disposition+jwt";
export type DispositionCertificateClaims = {
  iss: string;
  sub: string; // the request id
  jti: string;
  iat: number;
  district: { id: string; name: string; slug: string; state: string | null; agreement: string | null };
  scope: DispositionScope;
  studentIds: string[];
  requestedBy: string;
  requestedAt: string;
  completedAt: string;
  parts: { component: string; name: string; acknowledgedAt: string; acknowledgedBy: string; statement: string }[];
  tessera: TesseraEvidence;
  auditEventIds: string[];
};
