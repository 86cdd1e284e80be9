// Disclosures and accesses per day and component, for the record's chart.
import { disclosureFilters } from "@/contracts/disclosure-api";
import { apiRoute, readQuery } from "@/lib/server/api-route";
import { disclosureActivity } from "@/lib/server/disclosures";

export const GET = apiRoute(async ({ request, bearer }) => disclosureActivity(bearer, readQuery(request, disclosureFilters)));
