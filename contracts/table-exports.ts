// The CSV exports of the console's tables: each takes the table's own filters and sort (never its page
// cursor or size: an export is every page of the selection) and answers text/csv (documents/csv.ts).
import { z } from "zod";
import { listLicensesQuery } from "./license-api";
import { listTenantsQuery } from "./tenant-api";
import { listAllTokensQuery, listTokensQuery } from "./token-api";

/** GET /v1/licenses/export (licenses.read): the licenses the table shows, with the same filters and sort. */
export const licenseExportQuery = listLicensesQuery.omit({ limit: true, cursor: true }).strict();
/** GET /v1/tenants/export (tenants.read): the tenants the table shows, by name. */
export const tenantExportQuery = listTenantsQuery.omit({ limit: true, cursor: true }).strict();
/** GET /v1/licenses/:id/tokens/export (tokens.read): a license's tokens, with the table's search and status. */
export const tokenExportQuery = listTokensQuery.omit({ limit: true, cursor: true }).strict();
/** GET /v1/tokens/export (tokens.read): the Tokens area's selection across licenses (search, status, license, tenant, expiry). */
export const allTokensExportQuery = listAllTokensQuery.omit({ limit: true, cursor: true }).strict();

/** What each answers: one CSV document (RFC 4180, UTF-8 with a byte-order mark). */
export const csvDocument = z.string().describe("CSV (RFC 4180), UTF-8 with a byte-order mark");
