import "server-only";
// The public trust page's facts, read from the access service without a session (it holds no customer
// data); null when the access service cannot be asked, so the page can say so.
import { trustResponse, type TrustResponse } from "@/contracts/trust-api";
import { accessRequest } from "./access-client";
import { isAccessProblem } from "./access-problem";

export async function getTrustFacts(): Promise<TrustResponse | null> {
  try {
    return await accessRequest("GET", "/v1/trust", { schema: trustResponse });
  } catch (error) {
    if (isAccessProblem(error)) return null;
    throw error;
  }
}
