// `npm run bench:bundle`: how much JavaScript does a page load, compared with a bare Remix + React app?
//
// Builds the app (`remix build`; `--no-build` reads the existing build/) and reads the browser
// manifest. A page loads the entry and its imports, the root route and its imports, and its own
// route module and imports; each file is measured as the server sends it to a gzip client
// (gzip -9, precompressed at start-up by scripts/server.ts). The baseline is the bare Remix + React
// part of the same build: the entry and the root route with their imports (React, React DOM, Remix,
// the router and our root layout), which every page loads. Chunks a page imports with `import()`
// are listed apart: they load on an interaction, not with the page (the scorecard's zod schema).
//
// Goal (issue 13): the scorecard ≤ 120 KiB gzip of JavaScript on load.
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import zlib from "node:zlib";

const root = process.cwd();
const publicDir = path.join(root, "build", "public");
const GOAL_KIB = 120;

/** The pages measured: the interviewer's scorecard, the hiring manager's review, the recruiter's setup. */
const PAGES = [
  { name: "scorecard", route: "routes/scorecards.$id._index" },
  { name: "review", route: "routes/loops.$id._index" },
  { name: "setup", route: "routes/loops.$id.setup" },
];

interface ManifestEntry {
  module: string;
  imports?: string[];
}
interface BrowserManifest {
  entry: ManifestEntry;
  routes: Record<string, ManifestEntry>;
}

function readManifest(): BrowserManifest {
  const dir = path.join(publicDir, "build");
  const file = fs.readdirSync(dir).find((f) => /^manifest-[A-Z0-9]+\.js$/.test(f));
  if (!file) throw new Error("No build/public/build/manifest-*.js: run `npx remix build` first.");
  const text = fs.readFileSync(path.join(dir, file), "utf8");
  return JSON.parse(text.replace(/^window\.__remixManifest=/, "").replace(/;\s*$/, "")) as BrowserManifest;
}

const sizes = new Map<string, { raw: number; gzip: number }>();
function sizeOf(url: string): { raw: number; gzip: number } {
  let s = sizes.get(url);
  if (!s) {
    const body = fs.readFileSync(path.join(publicDir, url));
    s = { raw: body.length, gzip: zlib.gzipSync(body, { level: 9 }).length };
    sizes.set(url, s);
  }
  return s;
}

function filesOf(parts: ManifestEntry[]): string[] {
  const out = new Set<string>();
  for (const p of parts) {
    out.add(p.module);
    for (const i of p.imports ?? []) out.add(i);
  }
  return [...out];
}

/** `import("/build/…")` targets of these files, followed through their own static imports. */
function lazyFilesOf(files: string[]): string[] {
  const seen = new Set(files);
  const lazy: string[] = [];
  const queue = files.flatMap((f) => dynamicImports(f));
  for (let next = queue.shift(); next; next = queue.shift()) {
    if (seen.has(next)) continue;
    seen.add(next);
    lazy.push(next);
    queue.push(...staticImports(next), ...dynamicImports(next));
  }
  return lazy;
}
function sourceOf(url: string): string {
  return fs.readFileSync(path.join(publicDir, url), "utf8");
}
function dynamicImports(url: string): string[] {
  return [...sourceOf(url).matchAll(/import\("(\/build\/[^"]+\.js)"\)/g)].map((m) => m[1] ?? "");
}
function staticImports(url: string): string[] {
  return [...sourceOf(url).matchAll(/(?:^|;)\s*import(?:[^"'()]*?from)?\s*"(\/build\/[^"]+\.js)"/g)].map(
    (m) => m[1] ?? "",
  );
}

const kib = (bytes: number) => `${(bytes / 1024).toFixed(1)} KiB`;
const total = (files: string[], key: "raw" | "gzip") => files.reduce((n, f) => n + sizeOf(f)[key], 0);

function main(): void {
  if (!process.argv.includes("--no-build")) {
    execFileSync("npx", ["remix", "build"], { cwd: root, stdio: ["ignore", "ignore", "inherit"] });
  }
  const manifest = readManifest();
  const rootRoute = manifest.routes.root;
  if (!rootRoute) throw new Error("The manifest has no root route.");
  const baseline = filesOf([manifest.entry, rootRoute]);
  const baseGzip = total(baseline, "gzip");

  process.stdout.write("JavaScript a page loads (gzip -9, as sent to a gzip client; raw in brackets)\n\n");
  process.stdout.write(
    `baseline (bare Remix + React: entry + root route): ${kib(baseGzip)} gzip (${kib(total(baseline, "raw"))}) in ${baseline.length} files\n\n`,
  );
  let missed = false;
  for (const page of PAGES) {
    const route = manifest.routes[page.route];
    if (!route) throw new Error(`The manifest has no route ${page.route}.`);
    const files = filesOf([manifest.entry, rootRoute, route]);
    const gzip = total(files, "gzip");
    const lazy = lazyFilesOf(files);
    const goal =
      page.name === "scorecard" ? ` · goal ≤ ${GOAL_KIB} KiB: ${gzip <= GOAL_KIB * 1024 ? "met" : "MISSED"}` : "";
    if (page.name === "scorecard" && gzip > GOAL_KIB * 1024) missed = true;
    process.stdout.write(
      `${page.name.padEnd(9)}  ${kib(gzip)} gzip (${kib(total(files, "raw"))}) in ${files.length} files · ` +
        `${(gzip / baseGzip).toFixed(2)}× the baseline, +${kib(gzip - baseGzip)}${goal}\n`,
    );
    if (lazy.length) {
      process.stdout.write(
        `           + on first interaction: ${kib(total(lazy, "gzip"))} gzip in ${lazy.length} files (${lazy.map((f) => path.basename(f)).join(", ")})\n`,
      );
    }
  }
  if (missed) process.exitCode = 1;
}

main();
