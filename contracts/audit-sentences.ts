// Every audit event as a sentence a person reads, with names, not ids: one table of templates per
// action (every action Tessera records: the access service's rules, the operator's tools, the web
// tier's sign-ins, the services' refusals), and a generic sentence for any other. Placeholders:
// {actor}, {target}, {tenant}, {for tenant} (" for <tenant>", or nothing), and {data.<field>}. Pure.

type Templates = { success: string; failure?: string };

export const eventSentences: Record<string, Templates> = {
  "activation.create": { success: "{actor} activated a seat of license {target}{for tenant} for {data.fingerprint}" },
  "activation.refuse": { success: "An activation of license {target}{for tenant} for {data.fingerprint} was refused ({data.reason})", failure: "An activation of license {target}{for tenant} for {data.fingerprint} was refused ({data.reason})" },
  "activation.rename": { success: "{actor} renamed the seat of {data.fingerprint} on license {target}{for tenant} to {data.name}" },
  "activation.release": { success: "{actor} released the seat of {data.fingerprint} on license {target}{for tenant}" },
  "auth.sign_in": { success: "{actor} signed in", failure: "A sign-in as {actor} was refused ({data.reason})" },
  "auth.sign_in_pending": { success: "{actor} entered their password; the second factor is still to come" },
  "auth.second_factor": { success: "{actor} proved their second factor ({data.factor}, for {data.purpose})", failure: "A second factor of {actor} was refused ({data.factor} for {data.purpose}: {data.reason})" },
  "auth.second_factor_add": { success: "{actor} added an authenticator app" },
  "auth.second_factor_remove": { success: "{actor} removed an authenticator app ({data.factorsLeft} left)" },
  "auth.second_factor_reset": { success: "{actor} reset the second factors of {target} ({data.factorsRemoved} removed, {data.sessionsEnded} sessions ended)" },
  "auth.recovery_codes_issue": { success: "{actor} was given {data.count} new recovery codes" },
  "auth.sign_out": { success: "{actor} signed out" },
  "auth.session_end": { success: "A session of {actor} ended ({data.reason})" },
  "auth.session_revoke": { success: "{actor} ended a session ({data.reason})" },
  "auth.password_change": { success: "{actor} changed their password ({data.otherSessionsEnded} other sessions signed out)", failure: "A password change by {actor} was refused ({data.reason})" },
  "authz.refuse": { success: "{actor} was refused {target} ({data.reason})", failure: "{actor} was refused {target} ({data.reason})" },
  "audit.export": { success: "{actor} exported {data.rows} audit events as {data.format}", failure: "{actor}'s export of audit events as {data.format} was cut short after {data.rows} events" },
  "component.inventory_declare": { success: "{actor} declared the data component {target} holds (version {data.version})" },
  "detector.alert": { success: "The anomaly detector raised a {data.kind} alert {target} about {data.principal}{for tenant}" },
  "detector.respond": { success: "{actor} answered alert {target} with {data.response} ({data.state}){for tenant}" },
  "detector.response_reverse": { success: "{actor} reversed the {data.response} response to alert {target}{for tenant}" },
  "detector.alert_decide": { success: "{actor} marked alert {target} as {data.decision}{for tenant}" },
  "detector.model_train": { success: "{actor} trained the detector's {data.kind} sequence model, version {data.version}, on {data.historyRows} events of {data.principals} principals" },
  "detector.setting_update": { success: "{actor} set the detector's responses for {data.scope} to {data.mode}: {data.responses}" },
  "disposition.file": { success: "{actor} asked for {tenant}'s data to be destroyed ({data.scope}) in disposition {target}" },
  "disposition.acknowledge": { success: "{actor} confirmed that component {data.component} destroyed its part of disposition {target} for {tenant}" },
  "disposition.tessera_destroy": { success: "Tessera destroyed its part of disposition {target} for {tenant} ({data.protectedRecords} records under the shredded data key)" },
  "disposition.complete": { success: "Disposition {target} for {tenant} is complete: the certificate of destruction was signed" },
  "disposition.certificate_download": { success: "{actor} downloaded the certificate of destruction of disposition {target} for {tenant}" },
  "disclosure.access": { success: "{actor} read {tenant}'s data through {target} ({data.count} times via {data.via})" },
  "disclosure.export": { success: "{actor} exported {tenant}'s record of disclosures as {data.format}" },
  "disclosure.report": { success: "{actor} reported a disclosure of {tenant}'s records to {data.party} ({data.category})" },
  "incident.open": { success: "{actor} opened incident {target}" },
  "incident.update": { success: "{actor} updated incident {target}" },
  "incident.close": { success: "{actor} closed incident {target}" },
  "incident.reopen": { success: "{actor} reopened incident {target}" },
  "incident.district.mark": { success: "{actor} marked {tenant} as concerned by incident {target}" },
  "incident.notice.update": { success: "{actor} edited the breach notice of incident {target} for {tenant}" },
  "incident.notice.deliver": { success: "{actor} recorded the delivery of incident {target}'s notice to {tenant}" },
  "policy.notice_announce": { success: "{actor} announced a change of the {data.kind} to {tenant}, effective {data.effectiveAt}" },
  "policy.notice_acknowledge": { success: "{actor} acknowledged for {tenant} a change of the {data.kind}" },
  "security_plan.check": { success: "Self-check {target}: {data.sentence}", failure: "Self-check {target} failed: {data.sentence}" },
  "security_plan.access_review_sign_off": { success: "{actor} signed off the access review" },
  "tenant.agreement.update": { success: "{actor} updated the student-data agreement of {tenant}" },
  "trust.document_publish": { success: "{actor} published version {data.version} of the {data.kind}" },
  "component.create": { success: "{actor} added component {target} to the catalogue" },
  "component.rename": { success: "{actor} renamed component {target} from {data.from} to {data.to}" },
  "component.retire": { success: "{actor} retired component {target}: no new license or tier may use it" },
  "component.resource_server_add": { success: "{actor} let {data.identity} serve component {target}" },
  "component.resource_server_remove": { success: "{actor} stopped {data.identity} serving component {target}" },
  "invitation.accept": { success: "{actor} accepted an invitation to {tenant}" },
  "invitation.create": { success: "{actor} invited {target} to {tenant}" },
  "invitation.revoke": { success: "{actor} withdrew the invitation of {target} to {tenant}" },
  "keyring.reencrypt": { success: "{actor} re-encrypted the stored license keys" },
  "keyring.rotate": { success: "{actor} rotated the storage key" },
  "keyring.rewrap_start": { success: "{actor} started a storage key rotation to version {data.toVersion} ({data.scope})" },
  "keyring.rewrap_finish": {
    success: "The storage key rotation to version {data.toVersion} finished: {data.rewrapped} of {data.total} records rewrapped",
    failure: "The storage key rotation to version {data.toVersion} finished with {data.failed} records it could not read (older versions stay readable)",
  },
  "keys.signing_rotate": { success: "{actor} rotated the signing key" },
  "license.certificate_issue": { success: "{actor} issued a certificate for license {target}{for tenant}" },
  "license.change_tier": { success: "{actor} changed the tier of license {target}{for tenant} from {data.fromTier} to {data.toTier}" },
  "license.export": { success: "{actor} exported {data.rows} licenses as CSV", failure: "{actor}'s CSV export of licenses was cut short after {data.rows} rows" },
  "license.create": { success: "{actor} created license {target}{for tenant}" },
  "license.expire": { success: "License {target}{for tenant} expired" },
  "license.import": { success: "{actor} imported license {target}{for tenant}" },
  "license.import_sync": { success: "{actor} brought license {target}{for tenant} in line with its Django row ({data.from} → {data.to}, ends {data.toEndsAt})" },
  "license.key_reveal": { success: "{actor} revealed the key of license {target}{for tenant}" },
  "license.reinstate": { success: "{actor} reinstated license {target}{for tenant}", failure: "License {target}{for tenant} stayed suspended when {actor} reinstated it: its tier's rules, changed while it was suspended, block it" },
  "license.renew": { success: "{actor} renewed license {target}{for tenant}" },
  "license.request_quota": { success: "{actor} set the request-rate quota of license {target}{for tenant}" },
  "license.revoke": { success: "{actor} revoked license {target}{for tenant}" },
  "license.suspend": { success: "{actor} suspended license {target}{for tenant}" },
  "license.validate_failure": { success: "A validation of license {target}{for tenant} was refused ({data.reason})", failure: "A validation of license {target}{for tenant} was refused ({data.reason})" },
  "member.remove": { success: "{actor} removed {target} from {tenant}" },
  "oauth_client.register": { success: "{actor} registered OAuth client {target}{for tenant}" },
  "oauth_client.revoke": { success: "{actor} revoked OAuth client {target}{for tenant}" },
  "pki.ca_init": { success: "{actor} created the internal certificate authority" },
  "pki.certificate_issue": { success: "{actor} issued a certificate for {data.identity}" },
  "pki.certificate_renew": { success: "{actor} renewed the certificate of {data.identity}" },
  "pki.certificate_revoke": { success: "{actor} revoked the certificate of {data.identity} ({data.reason})" },
  "scope.create": { success: "{actor} added scope {target}" },
  "scope.rename": { success: "{actor} renamed scope {target} from {data.from} to {data.to}" },
  "scope.retire": { success: "{actor} retired scope {target}: no tier may newly grant it" },
  "setup.admin_create": { success: "{actor} set up Tessera as its first administrator" },
  "setup.link_issue": { success: "{actor} issued a setup link" },
  "tenant.export": { success: "{actor} exported {data.rows} tenants as CSV", failure: "{actor}'s CSV export of tenants was cut short after {data.rows} rows" },
  "tenant.create": { success: "{actor} created tenant {target}" },
  "tenant.update": { success: "{actor} updated tenant {target}" },
  "tenant.suspend": { success: "{actor} suspended tenant {target} with its {data.licenses} active license(s)" },
  "tenant.reinstate": { success: "{actor} reinstated tenant {target} and {data.licenses} license(s) its suspension had suspended" },
  "tenant.second_factor_requirement": { success: "{actor} made a second factor {data.secondFactor} for the people of tenant {target}" },
  "tenant.close": { success: "{actor} began closing tenant {target} by filing an all-data disposition request" },
  "tenant.closed": { success: "Tenant {target} was closed: its all-data disposition request completed" },
  "tier.create": { success: "{actor} created tier {target}" },
  "tier.update": { success: "{actor} updated tier {target}" },
  "token.export": { success: "{actor} exported {data.rows} tokens as CSV ({data.table})", failure: "{actor}'s CSV export of tokens ({data.table}) was cut short after {data.rows} rows" },
  "token.create": { success: "{actor} created token {target}{for tenant}" },
  "token.revoke": { success: "{actor} revoked token {target}{for tenant}", failure: "{actor} was refused revoking a token ({data.reason})" },
  "token.revoke_all": { success: "{actor} revoked every token of license {target}{for tenant}" },
  "token.rotate": { success: "{actor} rotated token {target}{for tenant}" },
  "token.leak_revoke": { success: "{actor} reported token {target}{for tenant} leaked at {data.foundAt}, and it was revoked at once" },
  "token.leak_batch": {
    success: "{actor} reported {data.entries} found token(s): {data.revoked} revoked at once, {data.alreadyRevoked} already revoked, {data.alreadyExpired} already expired, {data.unknown} not Tessera's",
    failure: "A secret scanner's report was refused ({data.reason}; key {data.keyIdentifier})",
  },
  "token.lookup": {
    success: "{actor} looked up token {target}{for tenant} in the leaked-token lookup (by {data.by}, {data.matched} matched)",
    failure: "{actor}'s leaked-token lookup found no token ({data.reason})",
  },
  "token.leak_report": { success: "{actor} reported token {target}{for tenant} leaked at {data.foundAt} ({data.state})" },
  "secret_scanner_key.register": { success: "{actor} registered a secret scanner's key {target} for {data.reporter}" },
  "secret_scanner_key.retire": { success: "{actor} retired a secret scanner's key {target} of {data.reporter}" },
};

export type NamedEvent = {
  action: string;
  outcome: "success" | "failure";
  actorName: string;
  targetName: string | null;
  targetType: string | null;
  tenantName: string | null;
  data: Record<string, unknown>;
};

/** The event as one sentence. */
export function eventSentence(e: NamedEvent): string {
  const templates = eventSentences[e.action];
  const template = templates ? (e.outcome === "failure" ? (templates.failure ?? `${templates.success} (failed)`) : templates.success) : genericTemplate(e);
  const filled = template.replace(/\{(actor|target|tenant|for tenant|data\.[A-Za-z0-9_]+)\}/g, (_, key: string) => {
    if (key === "actor") return e.actorName;
    if (key === "target") return e.targetName ?? "something";
    if (key === "tenant") return e.tenantName ?? "no tenant";
    if (key === "for tenant") return e.tenantName ? ` for ${e.tenantName}` : "";
    const value = e.data[key.slice(5)];
    return value === undefined || value === null ? "unknown" : typeof value === "object" ? JSON.stringify(value) : String(value);
  });
  return filled.charAt(0).toUpperCase() + filled.slice(1);
}

function genericTemplate(e: NamedEvent): string {
  const what = e.action.replace(/[._]/g, " ");
  const on = e.targetName ? ` on ${e.targetType ? `${e.targetType.replace(/_/g, " ")} ` : ""}{target}` : "";
  return `{actor}: ${what}${on}{for tenant}${e.outcome === "failure" ? " (failed)" : ""}`;
}

/** The areas of the recorded actions ("license."), for the console's action filter. */
export const actionAreas: string[] = [...new Set(Object.keys(eventSentences).map((a) => `${a.split(".")[0]}.`))].sort();
