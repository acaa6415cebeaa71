// Scorecard artifacts (a photo of the whiteboard, an exported diagram): the image check and the
// metadata stripper. Pure: bytes in, bytes out.
//
// The type comes from the bytes (magic numbers and a full walk of the file's structure), never from
// the file name or the browser's Content-Type. Whatever is not image data is dropped:
//  - JPEG: every APPn segment (EXIF with GPS, XMP, IPTC/Photoshop, ICC, JFIF thumbnails…) and COM;
//    what follows EOI. Only the Adobe APP14 marker is kept (12 fixed bytes that say how to read the
//    colours). EXIF's orientation tag is the one fact the picture needs: it comes back as a minimal
//    EXIF segment holding that tag alone, so browsers and the PDF still turn a phone photo upright.
//  - PNG: every chunk but the ones that draw the image (IHDR, PLTE, IDAT, IEND, and tRNS, gAMA,
//    cHRM, sRGB, sBIT, bKGD, pHYs): tEXt, zTXt, iTXt, eXIf, tIME, iCCP (it carries a profile
//    description), animation and private chunks go; so does what follows IEND.
// The image data itself (scans, IDAT) is copied byte for byte.

import type { ArtifactMediaType } from "../vocabulary";

export const ARTIFACT_MAX_BYTES = 8 * 1024 * 1024;
/** one image with its caption and the form's other fields */
export const ARTIFACT_UPLOAD_MAX_BODY = ARTIFACT_MAX_BYTES + 64 * 1024;
export const ARTIFACTS_PER_SCORECARD = 6;
export const ARTIFACT_CAPTION_MAX = 300;
/** decoding a larger image (the PDF re-encodes PNGs) would take hundreds of MB of memory */
export const ARTIFACT_MAX_PIXELS = 50_000_000;
const MAX_SIDE = 20_000;

export interface CleanImage {
  mediaType: ArtifactMediaType;
  bytes: Uint8Array;
  /** as displayed, i.e. after the EXIF orientation is applied */
  width: number;
  height: number;
  /** EXIF orientation 1–8 kept from the original (1 when it had none) */
  orientation: number;
}

export type ImageCheck = { ok: true; image: CleanImage } | { ok: false; error: string };

const NOT_AN_IMAGE = "This file is not a PNG or JPEG image (its content was checked, not its name).";
const DAMAGED = "This image is damaged or cut short, so it was not attached. Export it again and retry.";

export function sniffImageType(bytes: Uint8Array): ArtifactMediaType | null {
  if (bytes.length >= 8 && PNG_SIGNATURE.every((b, i) => bytes[i] === b)) return "image/png";
  if (bytes.length >= 3 && bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) return "image/jpeg";
  return null;
}

/** Checks an upload and returns it without metadata, or says in a sentence why it was refused. */
export function cleanImage(bytes: Uint8Array): ImageCheck {
  if (bytes.length === 0) return { ok: false, error: "The file is empty." };
  if (bytes.length > ARTIFACT_MAX_BYTES) return { ok: false, error: tooLargeMessage() };
  const type = sniffImageType(bytes);
  if (type === "image/png") return cleanPng(bytes);
  if (type === "image/jpeg") return cleanJpeg(bytes);
  return { ok: false, error: NOT_AN_IMAGE };
}

export function tooLargeMessage(): string {
  return `The image is larger than ${ARTIFACT_MAX_BYTES / 1024 / 1024} MB. Export a smaller version and retry.`;
}

function sizeCheck(width: number, height: number): string | null {
  if (width < 1 || height < 1) return DAMAGED;
  if (width > MAX_SIDE || height > MAX_SIDE || width * height > ARTIFACT_MAX_PIXELS)
    return `The image is too large in pixels (${width} × ${height}; at most ${ARTIFACT_MAX_PIXELS / 1_000_000} megapixels).`;
  return null;
}

// ------------------------------------------------------------------------------------------ PNG

const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
const PNG_KEPT = new Set(["IHDR", "PLTE", "IDAT", "IEND", "tRNS", "gAMA", "cHRM", "sRGB", "sBIT", "bKGD", "pHYs"]);

const CRC_TABLE = (() => {
  const table = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    table[n] = c >>> 0;
  }
  return table;
})();

export function crc32(bytes: Uint8Array): number {
  let c = 0xffffffff;
  for (const b of bytes) c = CRC_TABLE[(c ^ b) & 0xff]! ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function u32(b: Uint8Array, at: number): number {
  return ((b[at]! << 24) | (b[at + 1]! << 16) | (b[at + 2]! << 8) | b[at + 3]!) >>> 0;
}

function u16(b: Uint8Array, at: number): number {
  return (b[at]! << 8) | b[at + 1]!;
}

function cleanPng(bytes: Uint8Array): ImageCheck {
  const kept: Uint8Array[] = [bytes.subarray(0, 8)];
  let at = 8;
  let width = 0;
  let height = 0;
  let first = true;
  let sawData = false;
  for (;;) {
    if (at + 12 > bytes.length) return { ok: false, error: DAMAGED };
    const length = u32(bytes, at);
    const end = at + 12 + length;
    if (end > bytes.length) return { ok: false, error: DAMAGED };
    const type = String.fromCharCode(...bytes.subarray(at + 4, at + 8));
    if (!/^[A-Za-z]{4}$/.test(type)) return { ok: false, error: DAMAGED };
    if (crc32(bytes.subarray(at + 4, at + 8 + length)) !== u32(bytes, at + 8 + length))
      return { ok: false, error: DAMAGED };
    if (first) {
      if (type !== "IHDR" || length !== 13) return { ok: false, error: DAMAGED };
      width = u32(bytes, at + 8);
      height = u32(bytes, at + 12);
      first = false;
    }
    if (type === "IDAT") sawData = true;
    if (PNG_KEPT.has(type)) kept.push(bytes.subarray(at, end));
    at = end;
    // anything after IEND is not part of the image
    if (type === "IEND") break;
  }
  if (!sawData) return { ok: false, error: DAMAGED };
  const refused = sizeCheck(width, height);
  if (refused) return { ok: false, error: refused };
  return { ok: true, image: { mediaType: "image/png", bytes: concat(kept), width, height, orientation: 1 } };
}

// ----------------------------------------------------------------------------------------- JPEG

/** Huffman-coded frames (baseline, extended, progressive): what browsers and PDF readers all decode. */
const SOF_SUPPORTED = new Set([0xc0, 0xc1, 0xc2]);
const SOF_ANY = new Set([0xc0, 0xc1, 0xc2, 0xc3, 0xc5, 0xc6, 0xc7, 0xc9, 0xca, 0xcb, 0xcd, 0xce, 0xcf]);

function cleanJpeg(bytes: Uint8Array): ImageCheck {
  const kept: Uint8Array[] = [bytes.subarray(0, 2)];
  let orientation = 1;
  let width = 0;
  let height = 0;
  let components = 0;
  let sawScan = false;
  let at = 2;
  for (;;) {
    if (at + 2 > bytes.length) return { ok: false, error: DAMAGED };
    if (bytes[at] !== 0xff) return { ok: false, error: DAMAGED };
    const marker = bytes[at + 1]!;
    // fill bytes before a marker
    if (marker === 0xff) {
      at += 1;
      continue;
    }
    if (marker === 0xd9) {
      if (!sawScan || width === 0) return { ok: false, error: DAMAGED };
      kept.push(bytes.subarray(at, at + 2));
      break;
    }
    if (marker === 0xd8 || marker === 0x01 || (marker >= 0xd0 && marker <= 0xd7) || marker === 0x00)
      return { ok: false, error: DAMAGED };
    if (at + 4 > bytes.length) return { ok: false, error: DAMAGED };
    const length = u16(bytes, at + 2);
    const end = at + 2 + length;
    if (length < 2 || end > bytes.length) return { ok: false, error: DAMAGED };
    const segment = bytes.subarray(at, end);
    if (marker >= 0xe0 && marker <= 0xef) {
      if (marker === 0xe1) orientation = exifOrientation(segment.subarray(4)) ?? orientation;
      if (marker === 0xee && length === 14 && ascii(segment, 4, 5) === "Adobe") kept.push(segment);
    } else if (marker === 0xfe) {
      // COM: free text
    } else if (SOF_ANY.has(marker)) {
      if (!SOF_SUPPORTED.has(marker))
        return { ok: false, error: "This JPEG uses a coding that browsers do not show. Export it as a standard JPEG." };
      if (length < 8 || width !== 0) return { ok: false, error: DAMAGED };
      height = u16(bytes, at + 5);
      width = u16(bytes, at + 7);
      components = bytes[at + 9]!;
      if (components !== 1 && components !== 3)
        return {
          ok: false,
          error: "This JPEG is in CMYK colours, which the packet cannot archive. Export it as an RGB JPEG or a PNG.",
        };
      kept.push(segment);
    } else if (marker === 0xda) {
      if (width === 0) return { ok: false, error: DAMAGED };
      sawScan = true;
      // the entropy-coded data runs to the next marker that is not a stuffed 0xFF00 or a restart
      let scan = end;
      while (scan + 1 < bytes.length) {
        if (bytes[scan] === 0xff) {
          const next = bytes[scan + 1]!;
          if (next !== 0x00 && !(next >= 0xd0 && next <= 0xd7) && next !== 0xff) break;
        }
        scan += 1;
      }
      if (scan + 1 >= bytes.length) return { ok: false, error: DAMAGED };
      kept.push(bytes.subarray(at, scan));
      at = scan;
      continue;
    } else {
      // tables and frame-level markers (DQT, DHT, DRI, DAC, DNL, EXP): image data, kept as they are
      kept.push(segment);
    }
    at = end;
  }
  const refused = sizeCheck(width, height);
  if (refused) return { ok: false, error: refused };
  if (orientation !== 1) kept.splice(1, 0, orientationSegment(orientation));
  const turned = orientation >= 5;
  return {
    ok: true,
    image: {
      mediaType: "image/jpeg",
      bytes: concat(kept),
      width: turned ? height : width,
      height: turned ? width : height,
      orientation,
    },
  };
}

function ascii(b: Uint8Array, at: number, length: number): string {
  return String.fromCharCode(...b.subarray(at, at + length));
}

/** The orientation tag (0x0112) of IFD0 in an APP1 "Exif" payload, or null. */
export function exifOrientation(payload: Uint8Array): number | null {
  if (payload.length < 14 || ascii(payload, 0, 6) !== "Exif\0\0") return null;
  const tiff = payload.subarray(6);
  const little = tiff[0] === 0x49 && tiff[1] === 0x49;
  if (!little && !(tiff[0] === 0x4d && tiff[1] === 0x4d)) return null;
  const r16 = (o: number) => (little ? tiff[o]! | (tiff[o + 1]! << 8) : u16(tiff, o));
  const r32 = (o: number) => (little ? (r16(o) | (r16(o + 2) << 16)) >>> 0 : u32(tiff, o));
  if (r16(2) !== 42) return null;
  const ifd = r32(4);
  if (ifd + 2 > tiff.length) return null;
  const count = r16(ifd);
  for (let i = 0; i < count; i++) {
    const entry = ifd + 2 + i * 12;
    if (entry + 12 > tiff.length) return null;
    if (r16(entry) === 0x0112) {
      const value = r16(entry + 8);
      return value >= 1 && value <= 8 ? value : null;
    }
  }
  return null;
}

/** A minimal EXIF APP1 segment holding the orientation tag and nothing else. */
function orientationSegment(orientation: number): Uint8Array {
  // prettier-ignore
  return Uint8Array.from([
    0xff, 0xe1, 0x00, 0x22, // APP1, length 34
    0x45, 0x78, 0x69, 0x66, 0x00, 0x00, // "Exif\0\0"
    0x4d, 0x4d, 0x00, 0x2a, 0x00, 0x00, 0x00, 0x08, // big-endian TIFF header, IFD0 at 8
    0x00, 0x01, // one entry
    0x01, 0x12, 0x00, 0x03, 0x00, 0x00, 0x00, 0x01, 0x00, orientation, 0x00, 0x00, // Orientation, SHORT, 1
    0x00, 0x00, 0x00, 0x00, // no next IFD
  ]);
}

function concat(parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}
