// Introspection with RFC 8705 binding enforced by Tessera when it can: if the caller forwards the
// thumbprint of the certificate the token was presented over (`cnf_x5t_s256`), a certificate-bound token
// whose binding differs answers {"active": false}. Without it, the answer carries cnf for the caller to compare.
import type { IntrospectionResponse } from "../../../../contracts/token-api";
import type { AccessContext } from "../context";
import { introspectToken } from "../tokens/introspect-token";

export async function introspectBound(ctx: AccessContext, token: string, presentedThumbprint: string | undefined): Promise<IntrospectionResponse> {
  const answer = await introspectToken(ctx, token);
  if (!answer.active || presentedThumbprint === undefined || !answer.cnf) return answer;
  return answer.cnf["x5t#S256"] === presentedThumbprint ? answer : { active: false };
}
