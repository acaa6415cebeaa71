// `npx tsx scripts/check-copied-text.ts [--refs <dir>] [--words <n>] [path ...]`
//
// Checks that no file under the given paths (default: app db scripts) shares a run of 8 or more
// consecutive words with the reference texts (default: the nearest shared/reference/*.txt found
// going up from the working directory, e.g. ../shared/reference beside the main checkout). Case, accents and punctuation are ignored. Prints every run with its file and line;
// exits 1 when there is one, 2 when the references are missing.
import fs from "node:fs";
import path from "node:path";

import { DEFAULT_RUN_WORDS, findCopiedRuns, referenceIndex } from "./lib/copied-text";

const SKIP_DIRS = new Set(["node_modules", "build", ".git", "data", "drizzle", "test-results", "playwright-report"]);
const TEXT_FILE = /\.(ts|tsx|js|mjs|cjs|json|md|sql|txt|css|html)$/;

function usage(message: string): never {
  process.stderr.write(
    `${message}\nUsage: npx tsx scripts/check-copied-text.ts [--refs <dir>] [--words <n>] [path ...]\n`,
  );
  process.exit(2);
}

/** The nearest `shared/reference` directory above the working directory (worktrees sit one level deeper). */
function defaultReferenceDir(): string {
  for (let dir = path.resolve(".."); ; dir = path.dirname(dir)) {
    const candidate = path.join(dir, "shared", "reference");
    if (fs.existsSync(candidate)) return candidate;
    if (path.dirname(dir) === dir) return path.resolve("..", "shared", "reference");
  }
}

function parseArgs(argv: string[]) {
  let refs = defaultReferenceDir();
  let words = DEFAULT_RUN_WORDS;
  const roots: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === "--refs") refs = path.resolve(argv[++i] ?? usage("--refs needs a directory"));
    else if (arg === "--words") {
      words = Number(argv[++i]);
      if (!Number.isInteger(words) || words < 3) usage("--words needs a whole number of at least 3");
    } else if (arg.startsWith("--")) usage(`Unknown option ${arg}`);
    else roots.push(arg);
  }
  return { refs, words, roots: roots.length ? roots : ["app", "db", "scripts"] };
}

function* filesUnder(root: string): Generator<string> {
  const stat = fs.statSync(root, { throwIfNoEntry: false });
  if (!stat) return;
  if (stat.isFile()) {
    yield root;
    return;
  }
  for (const entry of fs.readdirSync(root, { withFileTypes: true })) {
    if (entry.isDirectory()) {
      if (!SKIP_DIRS.has(entry.name)) yield* filesUnder(path.join(root, entry.name));
    } else if (entry.isFile() && TEXT_FILE.test(entry.name)) {
      yield path.join(root, entry.name);
    }
  }
}

const { refs, words, roots } = parseArgs(process.argv.slice(2));
if (!fs.existsSync(refs)) usage(`No reference directory at ${refs}.`);
const referenceFiles = fs.readdirSync(refs).filter((name) => name.endsWith(".txt"));
if (referenceFiles.length === 0) usage(`No .txt files in ${refs}.`);

const started = performance.now();
const index = referenceIndex(
  referenceFiles.map((name) => fs.readFileSync(path.join(refs, name), "utf8")),
  words,
);
let checked = 0;
let found = 0;
for (const root of roots) {
  for (const file of filesUnder(root)) {
    checked++;
    for (const run of findCopiedRuns(fs.readFileSync(file, "utf8"), index, words)) {
      found++;
      console.log(`${file}:${run.line}: ${run.length} words shared with the references: "${run.words}"`);
    }
  }
}
const ms = Math.round(performance.now() - started);
console.log(
  `${found === 0 ? "OK" : "FOUND"}: ${found} run(s) of ${words}+ words from ${referenceFiles.length} reference files ` +
    `in ${checked} files under ${roots.join(", ")} (${ms} ms).`,
);
process.exit(found === 0 ? 0 : 1);
