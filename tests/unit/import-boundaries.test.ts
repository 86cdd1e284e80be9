// Every zone of the tree imports only what import-zones.ts allows it: checked over the real import graph,
// and, on a small tree with one violation of each kind, shown to catch what it should and only that.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { checkImportBoundaries, zoneOf } from "./import-rules";
import { zones } from "./import-zones";

describe("import boundaries of the repository", () => {
  const report = checkImportBoundaries();

  it("scans every zone and the browser's share of the web tier (the check is not vacuous)", () => {
    for (const zone of zones) expect(report.files.filter((f) => zoneOf(f)?.name === zone.name).length, zone.name).toBeGreaterThan(0);
    expect(report.clientFiles.filter((f) => f.startsWith("components/")).length).toBeGreaterThan(20);
    expect(report.clientFiles).toContain("lib/client/api-fetch.ts");
  });

  it("keeps every zone's rule", () => {
    expect(report.violations).toEqual([]);
  });
});

describe("the boundary checker", () => {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), "import-zones-"));
  afterAll(() => fs.rmSync(root, { recursive: true, force: true }));
  const tree: Record<string, string> = {
    "contracts/shape.ts": 'import fs from "node:fs";\nimport pg from "pg";\nimport { z } from "zod";\nimport { x } from "../services/access/thing";\n',
    "contracts/pure.ts": 'import { z } from "zod";\nimport { y } from "./shape";\n',
    "services/access/thing.ts": 'import { chain } from "../audit/chain";\nimport { open } from "../common/db";\nimport fs from "node:fs";\n',
    "services/audit/chain.ts": 'import { open } from "../common/db";\n',
    "services/common/db.ts": 'import pg from "pg";\n',
    "lib/server/client.ts": 'import "server-only";\nexport type Secret = string;\n',
    "lib/view.ts": 'import type { Secret } from "./server/client";\nexport type View = { s: Secret };\n',
    "lib/server/actions.ts": '"use server";\nimport { x } from "./client";\n',
    "lib/server/panel.tsx": '"use client";\nexport {};\n',
    "components/widget.tsx": '// A widget.\n"use client";\nimport type { View } from "@/lib/view";\nimport { act } from "@/lib/server/actions";\nimport { ok } from "../contracts/pure";\n',
    "components/server-panel.tsx": 'import type { Secret } from "@/lib/server/client";\n',
    "app/page.tsx": 'import { run } from "../cli/pki/tool";\nimport { PrismaClient } from "@prisma/client";\n',
    "cli/pki/tool.ts": 'import { thing } from "../../services/access/thing";\nimport { up } from "../launcher/start";\nimport { Agent } from "undici";\nimport { paths } from "../home";\n',
    "cli/home.ts": "export {};\n",
    "cli/launcher/start.ts": 'import { run } from "../pki/tool";\nimport { open } from "../../services/common/db";\nimport { client } from "../../services/common/http/mtls-client";\n',
    "services/common/http/mtls-client.ts": "export {};\n",
    "services/access/thing.test.ts": 'import { chain } from "../audit/chain";\n',
    "stray/file.ts": "export {};\n",
  };
  for (const [file, text] of Object.entries(tree)) {
    fs.mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
    fs.writeFileSync(path.join(root, file), text);
  }
  const { violations } = checkImportBoundaries(root);
  const found = (pattern: RegExp) => violations.filter((v) => pattern.test(v));

  it("refuses I/O in contracts: node: modules, packages other than zod, service code", () => {
    expect(found(/^contracts\/shape\.ts imports "node:fs": zone contracts may not import the package node:fs/)).toHaveLength(1);
    expect(found(/^contracts\/shape\.ts imports "pg": zone contracts may not import the package pg/)).toHaveLength(1);
    expect(found(/^contracts\/shape\.ts imports "\.\.\/services\/access\/thing" \(services\/access\/thing\.ts, zone access\): zone contracts may import only contracts/)).toHaveLength(1);
  });

  it("refuses one service importing the other, in shipped code", () => {
    expect(found(/^services\/access\/thing\.ts imports "\.\.\/audit\/chain" \(services\/audit\/chain\.ts, zone audit\): zone access may import only access, common, contracts/)).toHaveLength(1);
  });

  it("refuses lib/server in the browser's code, through a type-only import of a lib/ file too", () => {
    expect(found(/^lib\/view\.ts imports "\.\/server\/client" \(lib\/server\/client\.ts, zone web-server\): reached from the client module components\/widget\.tsx → lib\/view\.ts, so zone web-client may import only web, contracts/)).toHaveLength(1);
  });

  it("refuses a client module inside lib/server", () => {
    expect(found(/^lib\/server\/panel\.tsx is a "use client" module in zone web-server/)).toHaveLength(1);
  });

  it("refuses service and operator code and server-side packages in the web tier", () => {
    expect(found(/^app\/page\.tsx imports "\.\.\/cli\/pki\/tool" \(cli\/pki\/tool\.ts, zone pki\): zone web may import only web, web-server, contracts/)).toHaveLength(1);
    expect(found(/^app\/page\.tsx imports "@prisma\/client": zone web may not import the package @prisma\/client/)).toHaveLength(1);
  });

  it("refuses a file no zone declares", () => {
    expect(found(/^stray\/file\.ts belongs to no zone/)).toHaveLength(1);
  });

  it("keeps the offline PKI offline and the launcher out of the services' code: each part of cli/ only what its zone allows", () => {
    expect(found(/^cli\/pki\/tool\.ts imports "\.\.\/\.\.\/services\/access\/thing" \(services\/access\/thing\.ts, zone access\): zone pki may import only pki, cli-home, operator-events, contracts/)).toHaveLength(1);
    expect(found(/^cli\/pki\/tool\.ts imports "\.\.\/launcher\/start" \(cli\/launcher\/start\.ts, zone launcher\): zone pki may import only/)).toHaveLength(1);
    expect(found(/^cli\/pki\/tool\.ts imports "undici": zone pki may not import the package undici/)).toHaveLength(1);
    expect(found(/^cli\/launcher\/start\.ts imports "\.\.\/\.\.\/services\/common\/db" \(services\/common\/db\.ts, zone common\): zone launcher may import of zone common only services\/common\/http\/mtls-client\.ts, services\/common\/tls\/watch-files\.ts/)).toHaveLength(1);
  });

  it("allows the rest: server code using lib/server, server actions called from the client, tests, the launcher using the PKI and the mTLS client", () => {
    expect(violations).toHaveLength(13);
  });
});
