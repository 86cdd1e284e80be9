// Token text: the shared credential format (secrets/credential-format.ts) with the "tsr_" prefix, so
// secret scanners recognise a leaked token and a mistyped one is refused before any lookup.
import { credentialDisplayPrefix, credentialLength, credentialPrefixes, digestCredential, generateCredential, isWellFormedCredential } from "../secrets/credential-format";

export const tokenPrefix = credentialPrefixes.token;
export const tokenLength = credentialLength;

export const generateToken = (): string => generateCredential("token");
export const isWellFormedToken = (text: string): boolean => isWellFormedCredential("token", text);
/** "tsr_" and the first 8 characters. Not a secret. */
export const tokenDisplayPrefix = credentialDisplayPrefix;
export const digestToken = (digestKey: Buffer, token: string): string => digestCredential(digestKey, "token", token);
