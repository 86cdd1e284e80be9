// What identifies a machine or person to the component that holds a seat for it: opaque to Tessera, but
// kept, shown and audited, so under the plain-text rule and in NFC — the same value whether it comes to
// activation, validation or a bound certificate. Its own module so license-api and activation-api
// (which import each other's neighbours) share it without a cycle.
import { plainIdentifier } from "./plain-text";

export const fingerprint = plainIdentifier(200, "Enter a fingerprint.");
