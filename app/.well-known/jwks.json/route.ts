// /.well-known/jwks.json on the public host, without sign-in: the same handler as /api/jwks (one home,
// app/api/jwks/route.ts), at the address JOSE tooling looks for first.
export { GET } from "@/app/api/jwks/route";
