// Recognises PostgreSQL unique-key violations surfaced by Prisma, so a race between two creators of the
// same key answers 409 like the pre-check does, instead of 500.
export function isUniqueViolation(error: unknown): boolean {
  return typeof error === "object" && error !== null && "code" in error && (error as { code: unknown }).code === "P2002";
}
