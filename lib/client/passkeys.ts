// The browser's half of a passkey ceremony (@simplewebauthn/browser): fetch the options from the web
// tier, let the browser and authenticator answer, return the answer for the server to verify. A person
// who cancels the browser's prompt gets a sentence, not an exception's text.
import { browserSupportsWebAuthn, startAuthentication, startRegistration, type PublicKeyCredentialCreationOptionsJSON, type PublicKeyCredentialRequestOptionsJSON } from "@simplewebauthn/browser";
import { apiFetch } from "./api-fetch";

export const passkeysSupported = () => typeof window !== "undefined" && browserSupportsWebAuthn();

export class PasskeyCancelled extends Error {
  constructor() {
    super("The passkey prompt was closed or timed out. Try again.");
  }
}

const ceremony = async <T,>(run: () => Promise<T>): Promise<T> => {
  try {
    return await run();
  } catch (error) {
    if (error instanceof Error && (error.name === "NotAllowedError" || error.name === "AbortError")) throw new PasskeyCancelled();
    if (error instanceof Error && error.name === "InvalidStateError") throw new Error("This passkey is already registered.");
    throw new Error("Your browser could not use a passkey here.");
  }
};

/** Creates a passkey: options from `optionsPath`, the browser's attestation back. */
export async function createPasskey(optionsPath: string) {
  const optionsJSON = await apiFetch<PublicKeyCredentialCreationOptionsJSON>(optionsPath, { method: "POST" });
  return ceremony(() => startRegistration({ optionsJSON }));
}

/** Signs a challenge with a passkey: options from `optionsPath`, the browser's assertion back. */
export async function signWithPasskey(optionsPath: string) {
  const optionsJSON = await apiFetch<PublicKeyCredentialRequestOptionsJSON>(optionsPath, { method: "POST" });
  return ceremony(() => startAuthentication({ optionsJSON }));
}
