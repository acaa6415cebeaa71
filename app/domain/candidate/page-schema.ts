/**
 * The candidate page's forms: which action a post asks for (edit uses `candidateSchema`), and the
 * CSV import form (paste or upload, preview, then import). Pure; no IO.
 */
import * as z from "zod";

import { MAX_IMPORT_CHARS } from "./csv-import";

export const candidateIntentSchema = z.object({
  intent: z.enum(["save", "archive", "unarchive"], { error: "Unknown action. Reload the page and try again." }),
});

export const candidateImportSchema = z.object({
  intent: z.enum(["preview", "import"], { error: "Unknown action. Reload the page and try again." }),
  csv: z
    .preprocess((v) => (v === undefined || v === null ? "" : v), z.string())
    .refine((v) => v.trim() !== "", "Paste the CSV text here, or choose a file.")
    .refine(
      (v) => v.length <= MAX_IMPORT_CHARS,
      `The file is too large (at most ${MAX_IMPORT_CHARS.toLocaleString("en")} characters).`,
    ),
});
