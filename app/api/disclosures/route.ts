// A page of the record of disclosures (compliance.read; a tenant's people their own tenant).
import { listDisclosuresQuery } from "@/contracts/disclosure-api";
import { apiRoute, readQuery } from "@/lib/server/api-route";
import { listDisclosures } from "@/lib/server/disclosures";

export const GET = apiRoute(async ({ request, bearer }) => listDisclosures(bearer, readQuery(request, listDisclosuresQuery)));
