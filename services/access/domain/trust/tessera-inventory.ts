// Tessera's own data inventory: every table of its two databases, what it holds in plain language, why,
// how long and who else receives it, with the columns it covers. tests/unit/tessera-inventory.test.ts
// checks this list against the generated Prisma models, so a new model or column cannot land without its
// entry here: this is the one home of what the trust page says about Tessera's own data.
import type { DataCategory, TesseraDataDto } from "../../../../contracts/trust-api";

export type TesseraDataDeclaration = Omit<TesseraDataDto, "category"> & { category: DataCategory; columns: readonly string[] };

const noOne = "No one outside Tessera.";
const auditCopy = "No one outside Tessera; a copy of each change goes into Tessera's own audit log.";

export const tesseraInventory: readonly TesseraDataDeclaration[] = [
  {
    database: "access", table: "User", category: "Staff and administrator accounts",
    element: "People who sign in to the console: e-mail address, name, role, their organisation, a password hash (argon2id), when disabled.",
    purpose: "To let the people of a customer or district sign in and to decide what each may do.",
    retention: "While the account exists; a disabled account is kept so that the audit log keeps naming who acted.",
    recipients: noOne,
    columns: ["id", "email", "name", "role", "tenantId", "passwordHash", "disabledAt", "createdAt", "updatedAt"],
  },
  {
    database: "access", table: "Tenant", category: "Other",
    element: "Customer organisations and districts: name, short name, kind, a district's state and the name and date of its student-data agreement.",
    purpose: "To keep each organisation's licenses, people and records apart, and to apply a district's state law and agreement.",
    retention: "While the organisation is a customer.",
    recipients: noOne,
    columns: ["id", "slug", "name", "kind", "districtState", "dataAgreement", "dataAgreementSignedAt", "createdAt", "updatedAt"],
  },
  {
    database: "access", table: "Invitation", category: "Staff and administrator accounts",
    element: "Invitations to join an organisation: the invitee's e-mail address and role, who invited them, a keyed digest of the link.",
    purpose: "To let an administrator add a person, who then sets their own password.",
    retention: "Kept after use or expiry as the record of who was invited when.",
    recipients: noOne,
    columns: ["id", "tenantId", "email", "role", "tokenDigest", "invitedById", "createdAt", "expiresAt", "acceptedAt", "revokedAt"],
  },
  {
    database: "access", table: "Component", category: "Other",
    element: "The vendor's components (the catalogue): key, name, description.",
    purpose: "To name what a license gives access to.",
    retention: "While the component is offered.",
    recipients: "Published on this page.",
    columns: ["id", "key", "name", "description", "createdAt"],
  },
  {
    database: "access", table: "ResourceServer", category: "Application technology metadata",
    element: "The certificate names of the services that check a component's tokens and licenses.",
    purpose: "So that only a component's own services learn about its tokens and licenses.",
    retention: "Until an administrator removes it.",
    recipients: noOne,
    columns: ["componentId", "identity", "createdById", "createdAt"],
  },
  {
    database: "access", table: "Scope", category: "Other",
    element: "The rights a component offers (e.g. reports:read) and their descriptions.",
    purpose: "To say what a token or license may do.",
    retention: "While the component offers it.",
    recipients: noOne,
    columns: ["id", "key", "componentId", "description", "createdAt"],
  },
  {
    database: "access", table: "ServiceTier", category: "Other",
    element: "Plans: their names, quotas and token lifetimes.",
    purpose: "To set what a license on a plan may grant.",
    retention: "While the plan is offered.",
    recipients: noOne,
    columns: ["id", "key", "name", "description", "seats", "tokensPerLicense", "requestsPerMinute", "tokenDefaultTtlHours", "tokenMaxTtlHours", "createdAt", "updatedAt"],
  },
  {
    database: "access", table: "TierScope", category: "Other",
    element: "Which rights each plan includes.",
    purpose: "To set what a license on a plan may grant.",
    retention: "While the plan includes the right.",
    recipients: noOne,
    columns: ["tierId", "scopeId"],
  },
  {
    database: "access", table: "License", category: "Credentials and keys",
    element: "An organisation's licenses: component, plan, seats, term, status, the license key encrypted under the storage keyring and its keyed digest.",
    purpose: "To grant an organisation access to a component and let the component check it.",
    retention: "For the term of the contract and the audit log's retention after it ends.",
    recipients: "The component the license is for (validity and scopes only, never the key).",
    columns: ["id", "tenantId", "componentId", "tierId", "seats", "startsAt", "endsAt", "status", "statusChangedAt", "keyCiphertext", "keyDigest", "importSource", "createdAt", "updatedAt"],
  },
  {
    database: "access", table: "Session", category: "Application technology metadata",
    element: "Sign-in sessions: a keyed digest of the session token, times, why it ended, the address it was opened from.",
    purpose: "To keep a person signed in, let them end their other sessions, and trace misuse.",
    retention: "Ended or expired sessions are kept as the record of sign-ins.",
    recipients: noOne,
    columns: ["id", "userId", "tokenDigest", "createdAt", "lastSeenAt", "expiresAt", "endedAt", "endReason", "sourceIp"],
  },
  {
    database: "access", table: "SetupLink", category: "Credentials and keys",
    element: "The single-use link that creates the first administrator, as a keyed digest.",
    purpose: "So that a new deployment has no default password.",
    retention: "Kept after use as the record of the deployment's setup.",
    recipients: noOne,
    columns: ["id", "tokenDigest", "createdAt", "expiresAt", "usedAt", "revokedAt"],
  },
  {
    database: "access", table: "OutboxEvent", category: "Application technology metadata",
    element: "Audit events waiting to be delivered to the audit log: who did what, to what, when, from which address.",
    purpose: "So that no audit event is lost while the audit service is down.",
    retention: "Until delivered to the audit log.",
    recipients: auditCopy,
    columns: ["id", "payload", "createdAt", "deliveredAt", "attempts", "lastError"],
  },
  {
    database: "access", table: "RateLimit", category: "Application technology metadata",
    element: "Counters of failed sign-ins per account and per address.",
    purpose: "To slow down password guessing.",
    retention: "Minutes to hours: each counter expires.",
    recipients: noOne,
    columns: ["key", "points", "expire"],
  },
  {
    database: "access", table: "Token", category: "Credentials and keys",
    element: "Access tokens: name, scopes, a keyed digest of the token (never the token), who created or revoked it, when it was last used.",
    purpose: "To let an organisation's services use a component with limited rights.",
    retention: "Kept after revocation or expiry as the record of what was granted.",
    recipients: "The component the token is for (validity and scopes only).",
    columns: ["id", "licenseId", "tenantId", "name", "displayPrefix", "digest", "scopes", "createdById", "clientId", "certThumbprint", "createdAt", "expiresAt", "revokedAt", "revokedById", "revokeReason", "rotatedFromId", "lastUsedAt"],
  },
  {
    database: "access", table: "OAuthClient", category: "Credentials and keys",
    element: "Services registered as OAuth clients of a license: name, certificate name, scopes, token lifetime.",
    purpose: "To let an organisation's services obtain tokens with their certificate.",
    retention: "Kept after revocation as the record of what was granted.",
    recipients: noOne,
    columns: ["id", "licenseId", "tenantId", "name", "certIdentity", "scopes", "tokenTtlSeconds", "createdById", "createdAt", "revokedAt"],
  },
  {
    database: "access", table: "TokenUsage", category: "Application use statistics",
    element: "How many times each token was checked per hour, and how many checks were refused.",
    purpose: "To show an organisation how its tokens are used.",
    retention: "While the token's license exists.",
    recipients: noOne,
    columns: ["tokenId", "licenseId", "tenantId", "bucket", "uses", "refusals"],
  },
  {
    database: "access", table: "DataInventoryVersion", category: "Other",
    element: "Each component's declared data inventory, every version.",
    purpose: "To publish what each component holds (this page).",
    retention: "Every version is kept.",
    recipients: "Published on this page.",
    columns: ["componentId", "version", "elements", "note", "createdById", "createdAt"],
  },
  {
    database: "access", table: "TrustDocumentVersion", category: "Other",
    element: "The privacy policy, subprocessors, commitments and security contact, every version with its effective date.",
    purpose: "To publish them (this page) and give notice of changes.",
    retention: "Every version is kept.",
    recipients: "Published on this page.",
    columns: ["id", "kind", "version", "content", "summary", "material", "effectiveAt", "createdById", "createdAt"],
  },
  {
    database: "access", table: "PolicyAcknowledgement", category: "Staff and administrator accounts",
    element: "Which district administrator acknowledged which notice of change, and when.",
    purpose: "To record that each district was told of a change before it took effect.",
    retention: "Kept as the record of notice.",
    recipients: noOne,
    columns: ["documentId", "tenantId", "userId", "createdAt"],
  },
  {
    database: "access", table: "DistrictAgreement", category: "Other",
    element: "A district's student-data agreement: its kind (NDPA or state terms), effective and end days, the Exhibit E offer it adopted, its breach-notice period.",
    purpose: "To apply the district's agreement: what it covers, until when, and how soon it must be told of a breach.",
    retention: "While the district is a customer.",
    recipients: noOne,
    columns: ["tenantId", "kind", "effectiveOn", "endsOn", "generalOfferFrom", "noticeHours", "updatedAt"],
  },
  {
    database: "access", table: "Incident", category: "Other",
    element: "Security incidents: what happened, which data it concerned, when it was discovered and determined to be a breach, who opened it.",
    purpose: "To handle an incident and notify the districts concerned within their deadlines.",
    retention: "Kept as the record of the incident.",
    recipients: "The districts it concerns see it.",
    columns: ["id", "title", "summary", "dataConcerned", "discoveredAt", "determinedAt", "status", "closedAt", "createdById", "createdAt", "updatedAt"],
  },
  {
    database: "access", table: "IncidentDistrict", category: "Other",
    element: "Which districts an incident concerns: the notice period that applied, the notice and when, how and to whom it was delivered.",
    purpose: "To run each district's notification clock and keep the proof of notice.",
    retention: "Kept as the record of notice.",
    recipients: "The district concerned.",
    columns: ["incidentId", "tenantId", "noticeRule", "notice", "markedAt", "deliveredAt", "deliveryMethod", "deliveredTo", "deliveredById"],
  },
  {
    database: "audit", table: "AuditEvent", category: "Application technology metadata",
    element: "The audit log: every change and every refusal, with who acted, on what, in which organisation, when and from which address, hash-chained.",
    purpose: "Accountability: to show districts and auditors who did what, and to detect tampering.",
    retention: "Kept for the life of the deployment (append-only).",
    recipients: "The organisation concerned sees its own events; no one outside Tessera.",
    columns: ["seq", "id", "action", "tenantId", "targetType", "targetId", "canonical", "receivedAt", "prevMac", "mac"],
  },
];

/** The declarations as the trust page shows them (columns are for the schema check, not the page). */
export function tesseraDataForPage(): TesseraDataDto[] {
  return tesseraInventory.map(({ columns: _columns, ...entry }) => entry);
}
