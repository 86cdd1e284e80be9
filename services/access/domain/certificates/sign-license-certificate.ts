// Signs certificate claims as a compact JWS with the current license-signing key (EdDSA over Ed25519).
import { SignJWT } from "jose";
import { licenseCertificateType, type LicenseCertificateClaims } from "../../../../contracts/certificate-api";
import type { SigningKey } from "../../keys/signing-keys";

export async function signLicenseCertificate(key: SigningKey, claims: LicenseCertificateClaims): Promise<string> {
  const { iss, sub, jti, iat, nbf, exp, ...license } = claims;
  return new SignJWT(license)
    .setProtectedHeader({ alg: "EdDSA", kid: key.kid, typ: licenseCertificateType })
    .setIssuer(iss)
    .setSubject(sub)
    .setJti(jti)
    .setIssuedAt(iat)
    .setNotBefore(nbf)
    .setExpirationTime(exp)
    .sign(key.privateKey);
}
