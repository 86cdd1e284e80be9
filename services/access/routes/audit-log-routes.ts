// The audit log for the console: filtered, searchable pages of events as sentences, exports (CSV, JSON,
// a verifiable chain segment) and the chain's status (issue 9 §1). Who sees which events is decided in
// domain/audit-log/scoped-filter.ts: platform administrators every tenant's, anyone else their own.
import type { FastifyInstance } from "fastify";
import { accessPolicies as policies } from "../../../contracts/access-policies";
import { auditExportQuery, auditLogQuery, auditLogResponse, chainStatusResponse, verifyNowResponse } from "../../../contracts/audit-log-api";
import { parseInput } from "../../common/http/parse";
import { routeOptions } from "../../common/http/policy";
import { chainStatus, verifyChainNow } from "../domain/audit-log/chain-status";
import { exportAuditLog, exportFiles } from "../domain/audit-log/export-audit-log";
import { listAuditLog } from "../domain/audit-log/list-audit-log";
import type { AccessContext } from "../domain/context";
import { exportAudit } from "../domain/documents/audited-export";
import { requestMeta } from "./request-meta";
import { sendDownload } from "./send-download";
import { actorOf } from "./require-actor";

const doc = { tags: ["audit log"] } as const;
const unavailable = { 503: "The audit service cannot be read right now." };

export function auditLogRoutes(app: FastifyInstance, ctx: AccessContext): void {
  // GET /v1/audit/events — a page of the viewer's events, newest first, each as a sentence with names.
  app.get(
    "/v1/audit/events",
    routeOptions(policies["GET /v1/audit/events"], { ...doc, summary: "A page of audit events the viewer may see, as sentences, by filters.", query: auditLogQuery, response: auditLogResponse, problems: unavailable }),
    async (request) => listAuditLog(ctx, actorOf(request), parseInput(auditLogQuery, request.query)),
  );

  // GET /v1/audit/export?format=csv|json|segment — the filtered selection as a download, streamed.
  app.get(
    "/v1/audit/export",
    routeOptions(policies["GET /v1/audit/export"], { ...doc, summary: "The filtered selection as CSV, JSON or a chain segment anyone can verify offline, streamed.", query: auditExportQuery, responseContentType: "text/csv", problems: unavailable }),
    async (request, reply) => {
      const actor = actorOf(request);
      const { format, ...filter } = parseInput(auditExportQuery, request.query);
      const { chunks, selection } = exportAuditLog(ctx, actor, format, filter);
      // The first two pieces come before the answer starts (send-download.ts), so an audit service that
      // cannot answer is a clear 503, not a download cut short, and no export is recorded.
      const file = exportFiles[format];
      const day = ctx.now().toISOString().slice(0, 10);
      const audit = exportAudit(ctx, actor, requestMeta(request), { action: "audit.export", table: "audit-log", format, filters: selection });
      return sendDownload(reply, { filename: `tessera-audit-${day}.${file.extension}`, contentType: file.contentType }, chunks, audit);
    },
  );

  // GET /v1/audit/chain-status — when the chain was last verified and by what, and its newest checkpoint.
  app.get(
    "/v1/audit/chain-status",
    routeOptions(policies["GET /v1/audit/chain-status"], { ...doc, summary: "When the audit chain was last verified and by what, its newest signed checkpoint and the published key.", response: chainStatusResponse, problems: unavailable }),
    async () => chainStatus(ctx),
  );

  // POST /v1/audit/chain/verify — verifies the whole chain now; the audit service records the run with the person's name.
  app.post(
    "/v1/audit/chain/verify",
    routeOptions(policies["POST /v1/audit/chain/verify"], { ...doc, summary: "Verify the whole audit chain now (recorded as this person's run).", response: verifyNowResponse, problems: unavailable }),
    async (request) => verifyChainNow(ctx, actorOf(request)),
  );
}
