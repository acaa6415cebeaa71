// The layer boundaries in .eslint.config.js fire on a new violation: each case lints a snippet as if it
// were a file of that layer and expects the restricted-import error (and a clean snippet stays clean).
import path from "node:path";
import { fileURLToPath } from "node:url";

import { ESLint } from "eslint";
import { describe, expect, it } from "vitest";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
const eslint = new ESLint({ cwd: root, overrideConfigFile: path.join(root, ".eslint.config.js") });

async function restrictedImports(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: path.join(root, filePath) });
  return (result?.messages ?? []).filter((m) => m.ruleId === "no-restricted-imports").map((m) => m.message);
}

const cases: { layer: string; file: string; code: string }[] = [
  {
    layer: "domain imports no IO",
    file: "app/domain/vocabulary.ts",
    code: 'import fs from "node:fs";\nexport const x = fs;\n',
  },
  {
    layer: "domain imports no db",
    file: "app/domain/vocabulary.ts",
    code: 'export { openDatabase } from "../../db/client.server";\nimport "../../db/client.server";\n',
  },
  {
    layer: "domain imports no framework",
    file: "app/domain/vocabulary.ts",
    code: 'import { json } from "@remix-run/node";\nexport const x = json;\n',
  },
  {
    layer: "domain imports no components",
    file: "app/domain/review/agenda.ts",
    code: 'import "~/components/ui/primitives";\n',
  },
  { layer: "db never imports app/server", file: "db/ids.server.ts", code: 'import "../app/server/session.server";\n' },
  { layer: "db never imports routes", file: "db/ids.server.ts", code: 'import "../app/routes/login";\n' },
  {
    layer: "db never imports components",
    file: "db/ids.server.ts",
    code: 'import "../app/components/ui/primitives";\n',
  },
  {
    layer: "routes never import drizzle",
    file: "app/routes/login.tsx",
    code: 'import { eq } from "drizzle-orm";\nexport const x = eq;\n',
  },
  { layer: "routes never import the schema", file: "app/routes/login.tsx", code: 'import "../../db/schema";\n' },
  { layer: "pdf never imports db", file: "app/pdf/fonts.server.ts", code: 'import "../../db/client.server";\n' },
  {
    layer: "components never import *.server",
    file: "app/components/ui/primitives.tsx",
    code: 'import "~/server/session.server";\n',
  },
  {
    layer: "hooks never import *.server",
    file: "app/hooks/use-remix-form.ts",
    code: 'import "../../db/ids.server";\n',
  },
  { layer: "production code never imports tests", file: "scripts/migrate.ts", code: 'import "../tests/factories";\n' },
];

describe("layer boundaries (.eslint.config.js)", () => {
  it.each(cases)("$layer", async ({ file, code }) => {
    expect(await restrictedImports(file, code)).not.toEqual([]);
  });

  it("allows what the layers are for: routes call db/queries, domain imports domain", async () => {
    expect(await restrictedImports("app/routes/login.tsx", 'import "../../db/queries/people/users.server";\n')).toEqual(
      [],
    );
    expect(await restrictedImports("app/domain/review/agenda.ts", 'import "../shared/format";\n')).toEqual([]);
  });
});
