import "server-only";
// Which of the Compliance area's sections have a page in this build, so that the sub-navigation never
// links to a page that does not exist yet: a section appears once its page.tsx lands (in the source,
// as `next dev` and the launcher's web server, which runs from the repository, see it) or its route is
// in the build's manifest.
import fs from "node:fs";
import path from "node:path";
import { complianceSections, type ComplianceSection } from "@/components/compliance/compliance-sections";

const root = process.cwd();

function builtRoutes(): Set<string> {
  try {
    const manifest = JSON.parse(fs.readFileSync(path.join(root, ".next", "app-path-routes-manifest.json"), "utf8")) as Record<string, string>;
    return new Set(Object.values(manifest));
  } catch {
    return new Set();
  }
}

function hasPage(href: string, built: Set<string>): boolean {
  if (built.has(href)) return true;
  const folder = path.join(root, "app", "(console)", ...href.split("/").filter(Boolean));
  return ["page.tsx", "page.ts", "page.jsx", "page.js"].some((file) => fs.existsSync(path.join(folder, file)));
}

let cached: ComplianceSection[] | null = null;

export function existingComplianceSections(): ComplianceSection[] {
  if (cached && process.env.NODE_ENV === "production") return cached;
  const built = builtRoutes();
  cached = complianceSections.filter((section) => hasPage(section.href, built));
  return cached;
}
