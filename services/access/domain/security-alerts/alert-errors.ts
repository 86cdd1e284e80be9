// The sentences of the Security alerts' refusals, in one place.
import { AppError } from "../../../common/http/app-error";

export const alertNotFound = () => new AppError("not-found", "No such alert.");
export const responseNotFound = () => new AppError("not-found", "No such response on this alert.");
export const noLicenseToAct = (kind: string) => new AppError("conflict", `This alert names no license, so it cannot be answered with "${kind}".`, { reason: "no-license" });
export const noCertificateToShun = () => new AppError("conflict", "This alert names no certificate identity to shun.", { reason: "no-certificate" });
export const noPersonToStepUp = () => new AppError("conflict", "This alert names no person to ask for a second factor.", { reason: "no-person" });
export const personHasNoSecondFactor = () =>
  new AppError("conflict", "This person has no second factor to confirm it is them with: suspend their access or end their sessions instead.", { reason: "no-second-factor" });
export const responseNotReversible = () => new AppError("conflict", "This response was never applied or is already reversed.", { reason: "not-reversible" });
export const alertAlreadyDecided = () => new AppError("conflict", "This alert was already decided.", { reason: "already-decided" });
