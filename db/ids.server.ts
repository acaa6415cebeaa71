import crypto from "node:crypto";

/** Unguessable identifiers for rows that appear in URLs (128 bits, URL-safe). */
export function newId(): string {
  return crypto.randomBytes(16).toString("base64url");
}

export function randomToken(bytes = 32): string {
  return crypto.randomBytes(bytes).toString("base64url");
}

export function sha256(text: string): string {
  return crypto.createHash("sha256").update(text).digest("hex");
}
