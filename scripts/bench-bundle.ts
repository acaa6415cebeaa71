// `npm run bench:bundle`: how much JavaScript does a page load, compared with a bare Remix + React app?
//
// Builds the app (`remix build`; `--no-build` reads the existing build/; `--before <git ref>` also
// measures that commit, exported into a temporary folder and built the same way) and reads the browser
// manifest. A page loads the entry and its imports, the root route and its imports, and its own
// route module and imports; each file is measured as the server sends it to a gzip client
// (gzip -9, precompressed at start-up by scripts/server.ts). The baseline is the bare Remix + React
// part of the same build: the entry and the root route with their imports (React, React DOM, Remix,
// the router and our root layout), which every page loads. Chunks a page imports with `import()`
// are listed apart: they load on an interaction, not with the page (the scorecard's zod schema).
//
// Each page's requests after the document are counted too: its script files and the stylesheets
// its modules import (the `/build/_assets/*.css` URLs in them, which the routes' `links` render).
// On a slow link the count matters as much as the bytes: Chromium opens 6 HTTP/1.1 connections
// per host and each request waits a round trip (562 ms on DevTools' Fast 3G, `bench:tti`); one
// connection carries React's chunk for about half a second, so two rounds take 11 requests.
//
// Goals (issue 13): the scorecard ≤ 120 KiB gzip of JavaScript on load, in ≤ 11 requests after the
// document (the TTI goal, `bench:tti`, needs two rounds).
import { execFileSync, spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import zlib from "node:zlib";

const root = process.cwd();
const GOAL_KIB = 120;
const GOAL_REQUESTS = 11;

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

function readManifest(publicDir: string): BrowserManifest {
  const dir = path.join(publicDir, "build");
  const file = fs.readdirSync(dir).find((f) => /^manifest-[A-Z0-9]+\.js$/.test(f));
  if (!file) throw new Error("No build/public/build/manifest-*.js: run `npx remix build` first.");
  const text = fs.readFileSync(path.join(dir, file), "utf8");
  return JSON.parse(text.replace(/^window\.__remixManifest=/, "").replace(/;\s*$/, "")) as BrowserManifest;
}

let publicDir = path.join(root, "build", "public");
const sizes = new Map<string, { raw: number; gzip: number }>();
function sizeOf(url: string): { raw: number; gzip: number } {
  let s = sizes.get(`${publicDir}${url}`);
  if (!s) {
    const body = fs.readFileSync(path.join(publicDir, url));
    s = { raw: body.length, gzip: zlib.gzipSync(body, { level: 9 }).length };
    sizes.set(`${publicDir}${url}`, s);
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
/** The stylesheets these files link: the CSS URLs their modules import. */
function stylesheetsOf(files: string[]): string[] {
  return [
    ...new Set(
      files.flatMap((f) => [...sourceOf(f).matchAll(/"(\/build\/_assets\/[^"]+\.css)"/g)].map((m) => m[1] ?? "")),
    ),
  ];
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

function build(dir: string): void {
  const r = spawnSync("npx", ["remix", "build"], { cwd: dir, encoding: "utf8" });
  if (r.status !== 0) throw new Error(`remix build failed in ${dir}:\n${r.stdout}\n${r.stderr}`);
}

/** Prints one build's figures; returns the scorecard's gzip bytes and requests. */
function report(label: string, dir: string): { gzip: number; requests: number } {
  publicDir = path.join(dir, "build", "public");
  const manifest = readManifest(publicDir);
  const rootRoute = manifest.routes.root;
  if (!rootRoute) throw new Error("The manifest has no root route.");
  const baseline = filesOf([manifest.entry, rootRoute]);
  const baseGzip = total(baseline, "gzip");
  process.stdout.write(
    `${label}\nbaseline (bare Remix + React: entry + root route): ${kib(baseGzip)} gzip (${kib(total(baseline, "raw"))}) in ${baseline.length} files\n`,
  );
  let scorecard = { gzip: 0, requests: 0 };
  for (const page of PAGES) {
    const route = manifest.routes[page.route];
    if (!route) throw new Error(`The manifest has no route ${page.route}.`);
    const files = filesOf([manifest.entry, rootRoute, route]);
    const gzip = total(files, "gzip");
    const lazy = lazyFilesOf(files);
    const stylesheets = stylesheetsOf(files);
    const requests = files.length + stylesheets.length;
    if (page.name === "scorecard") scorecard = { gzip, requests };
    process.stdout.write(
      `${page.name.padEnd(9)}  ${kib(gzip)} gzip (${kib(total(files, "raw"))}) in ${files.length} files · ` +
        `${(gzip / baseGzip).toFixed(2)}× the baseline, +${kib(gzip - baseGzip)}\n` +
        `           requests after the document: ${files.length} scripts + ${stylesheets.length} stylesheets = ${requests}\n`,
    );
    if (lazy.length) {
      process.stdout.write(
        `           + on first interaction: ${kib(total(lazy, "gzip"))} gzip in ${lazy.length} files (${lazy.map((f) => path.basename(f)).join(", ")})\n`,
      );
    }
  }
  process.stdout.write("\n");
  return scorecard;
}

function main(): void {
  process.stdout.write("JavaScript a page loads (gzip -9, as sent to a gzip client; raw in brackets)\n\n");
  const before = arg("--before");
  if (before) {
    // a plain export of that commit, sharing node_modules, built the same way
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "archpanel-bundle-before-"));
    try {
      execFileSync("sh", ["-c", `git archive "$0" | tar -x -C "$1"`, before, dir], { cwd: root, stdio: "inherit" });
      fs.symlinkSync(fs.realpathSync(path.join(root, "node_modules")), path.join(dir, "node_modules"));
      build(dir);
      report(`before (${before})`, dir);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  }
  if (!process.argv.includes("--no-build")) build(root);
  const scorecard = report(before ? "now" : "this build", root);
  const bytesMet = scorecard.gzip <= GOAL_KIB * 1024;
  const requestsMet = scorecard.requests <= GOAL_REQUESTS;
  process.stdout.write(
    `scorecard goal ≤ ${GOAL_KIB} KiB: ${bytesMet ? "met" : "MISSED"} (${kib(scorecard.gzip)}); ` +
      `≤ ${GOAL_REQUESTS} requests after the document: ${requestsMet ? "met" : "MISSED"} (${scorecard.requests})\n`,
  );
  if (!bytesMet || !requestsMet) process.exitCode = 1;
}

function arg(name: string): string | undefined {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

main();
