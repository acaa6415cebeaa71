// ESLint 9 flat config. Type-aware rules catch floating promises (an async Drizzle transaction
// callback is a silent bug with better-sqlite3); import boundaries keep *.server code out of the
// browser bundle, which the classic compiler would otherwise empty silently.
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
  message:
    "Browser-reachable modules must not import server-only code (*.server, db/, pdfkit, better-sqlite3, node:*).",
};

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
    },
  },
  {
    // Pure domain: no IO, no framework.
    files: ["app/domain/**/*.{ts,tsx}"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          patterns: [
            serverOnly,
            {
              group: ["@remix-run/*", "react", "react-dom"],
              message: "app/domain is pure TypeScript: no framework imports.",
            },
          ],
        },
      ],
    },
  },
  {
    // Components and the browser entry are shipped to the browser.
    files: ["app/components/**/*.{ts,tsx}", "app/entry.client.tsx", "app/hooks/**/*.{ts,tsx}"],
    rules: { "no-restricted-imports": ["error", { patterns: [serverOnly] }] },
  },
  {
    // The app never imports test code, and scripts (seed) never import tests either.
    files: ["app/**/*.{ts,tsx}", "db/**/*.ts", "scripts/**/*.ts"],
    ignores: ["app/domain/**", "app/components/**"],
    rules: {
      "no-restricted-imports": [
        "error",
        { patterns: [{ group: ["**/tests/**"], message: "Production code must not import tests." }] },
      ],
    },
  },
  {
    files: ["scripts/**/*.ts", "tests/**/*.ts"],
    rules: { "no-console": "off" },
  },
);
