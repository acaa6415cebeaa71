// The text fields of an artifact upload or removal (the image itself is checked by ./artifact-image.ts).
import * as z from "zod";

import { ARTIFACT_CAPTION_MAX } from "./artifact-image";

export const artifactUploadSchema = z.object({
  caption: z
    .string({ error: "Write a short caption." })
    .trim()
    .min(1, "Write a short caption: it is what people who cannot see the picture read instead.")
    .max(ARTIFACT_CAPTION_MAX, `Keep the caption under ${ARTIFACT_CAPTION_MAX} characters.`)
    .refine((s) => !s.includes("\uFFFD"), "The caption is not valid UTF-8 text. Type it again."),
  dimensionKey: z
    .string()
    .max(100)
    .optional()
    .transform((s) => (s ? s : null)),
});

export const artifactRemoveSchema = z.object({
  artifactId: z.string({ error: "Which picture?" }).regex(/^[A-Za-z0-9_-]{22}$/, "Unknown picture."),
});
