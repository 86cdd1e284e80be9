// The data folder ($TESSERA_HOME, default .tessera at the repository root) and what lives in it.
import path from "node:path";
import { pkiFiles } from "./pki/pki-files";

export const repoRoot = path.resolve(import.meta.dirname, "..");

export function tesseraHome(env: NodeJS.ProcessEnv = process.env): string {
  return path.resolve(env.TESSERA_HOME ?? path.join(repoRoot, ".tessera"));
}

export function homeLayout(home: string) {
  return {
    home,
    pki: pkiFiles(path.join(home, "pki")),
    accessDir: path.join(home, "access"),
    auditDir: path.join(home, "audit"),
    webDir: path.join(home, "web"),
    sessionSecretFile: path.join(home, "web", "session-secret"),
  };
}
export type HomeLayout = ReturnType<typeof homeLayout>;
