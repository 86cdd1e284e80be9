// What the once-only secret dialog says about a token's secret, for a new token and a rotated one alike.
import type { SecretShown } from "@/components/ui/once-secret-dialog";

export function tokenSecretShown(announce: "Token created." | "Token rotated."): SecretShown {
  return {
    label: "Token secret",
    testId: "token-secret",
    copyLabel: "Copy secret",
    warning: { title: "Copy the secret now", body: "You won't see it again: Tessera keeps only a digest. If it is lost, rotate the token." },
    lost: "The secret is shown only this once: Tessera keeps only a digest and cannot show it again. Without a copy, you would have to rotate the token to get a working secret.",
    announce,
  };
}
