// ESLint 9 flat config. Type-aware rules catch floating promises (an async Drizzle transaction
// callback is a silent bug with better-sqlite3). The boundary rules below say what must never
// import what; the classic compiler would otherwise empty *.server code in the browser bundle
// silently, and layers would blur one convenient import at a time. tests/unit/boundaries.test.ts
// proves each rule fires.
import js from "@eslint/js";
import reactHooks from "eslint-plugin-react-hooks";
import globals from "globals";
import tseslint from "typescript-eslint";

const serverOnly = {
  group: [
    "**/*.server",
    "**/*.server.ts",
    "**/*.server.tsx",
    "**/db/**",
    "better-sqlite3",
    "pdfkit",
    "drizzle-orm",
    "drizzle-orm/*",
    "node:*",
    "fontkit",
  ],
  message: "Browser-reachable and pure modules must not import server-only code (*.server, db/, pdfkit, node:*).",
};
const noTests = { group: ["**/tests/**"], message: "Production code must not import tests." };
const noFramework = {
  group: ["@remix-run/*", "react", "react-dom", "react-dom/*"],
  message: "app/domain is pure TypeScript: no framework imports.",
};
const noWebLayers = {
  group: ["**/routes/**", "~/routes/**", "**/components/**", "~/components/**", "**/hooks/**", "~/hooks/**"],
  message: "Lower layers never import routes, components or hooks.",
};
const noAppServer = {
  group: ["**/app/server/**", "~/server/**", "../server/**", "**/pdf/**", "~/pdf/**"],
  message: "This layer must not import app/server or app/pdf.",
};
const noDrizzle = {
  group: ["drizzle-orm", "drizzle-orm/*", "better-sqlite3", "**/db/schema"],
  message: "Routes call db/queries; they never build SQL or touch the schema.",
};
const noDb = { group: ["**/db/**"], message: "The PDF renders a view model; it never reads the database." };
const boundaries = (...patterns) => ({ "no-restricted-imports": ["error", { patterns }] });

export default tseslint.config(
  {
    ignores: [
      "build/**",
      "node_modules/**",
      "drizzle/**",
      "test-results/**",
      "playwright-report/**",
      "tests/.tmp/**",
      "data/**",
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ["**/*.{ts,tsx}"],
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
      globals: { ...globals.node, ...globals.browser },
    },
    plugins: { "react-hooks": reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      "@typescript-eslint/consistent-type-imports": [
        "error",
        { prefer: "type-imports", fixStyle: "separate-type-imports" },
      ],
      "@typescript-eslint/no-floating-promises": "error",
      "@typescript-eslint/no-misused-promises": ["error", { checksVoidReturn: { attributes: false } }],
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
      "no-console": ["error", { allow: ["warn", "error"] }],
      // The named `z` is a namespace object esbuild cannot tree-shake: all of zod, locales included,
      // lands in every page that reaches the module (README Decisions, issue 13).
      "no-restricted-syntax": [
        "error",
        {
          selector: "ImportDeclaration[source.value='zod'][importKind='value'] > ImportSpecifier[imported.name='z']",
          message: 'Write `import * as z from "zod"`: the named `z` pulls all of zod into the browser bundle.',
        },
      ],
    },
  },
  // One block per layer; each file matches exactly one of them.
  {
    files: ["app/domain/**/*.{ts,tsx}"],
    rules: boundaries(serverOnly, noFramework, noWebLayers, noAppServer, noTests),
  },
  {
    files: ["app/components/**/*.{ts,tsx}", "app/hooks/**/*.{ts,tsx}", "app/entry.client.tsx"],
    rules: boundaries(
      serverOnly,
      { group: ["**/routes/**", "~/routes/**"], message: "Components never import routes." },
      noTests,
    ),
  },
  { files: ["app/routes/**/*.{ts,tsx}"], rules: boundaries(noDrizzle, noTests) },
  { files: ["app/pdf/**/*.ts"], rules: boundaries(noDb, noWebLayers, noTests) },
  { files: ["app/server/**/*.ts"], rules: boundaries(noWebLayers, noTests) },
  { files: ["db/**/*.ts"], rules: boundaries(noWebLayers, noAppServer, noTests) },
  { files: ["scripts/**/*.ts"], rules: boundaries(noTests) },
  {
    files: ["scripts/**/*.ts", "tests/**/*.ts"],
    rules: { "no-console": "off" },
  },
);
