import { describe, expect, it } from "vitest";

import {
  ARTIFACT_MAX_BYTES,
  cleanImage,
  crc32,
  exifOrientation,
  sniffImageType,
} from "../../../app/domain/scorecard/artifact-image";
import { exifSegment, greyJpeg, jpegWith, png, pngChunk, pngText, segment } from "../../images";

function has(haystack: Uint8Array, needle: string): boolean {
  return Buffer.from(haystack).includes(Buffer.from(needle, "latin1"));
}

function markers(jpeg: Uint8Array): number[] {
  const out: number[] = [];
  let at = 2;
  while (at + 4 <= jpeg.length && jpeg[at] === 0xff) {
    const marker = jpeg[at + 1]!;
    out.push(marker);
    if (marker === 0xda || marker === 0xd9) break;
    at += 2 + ((jpeg[at + 2]! << 8) | jpeg[at + 3]!);
  }
  return out;
}

function pngChunkTypes(bytes: Uint8Array): string[] {
  const b = Buffer.from(bytes);
  const out: string[] = [];
  for (let at = 8; at + 8 <= b.length; at += 12 + b.readUInt32BE(at)) out.push(b.toString("latin1", at + 4, at + 8));
  return out;
}

describe("artifact images: type by content", () => {
  it.each([
    ["PNG", png(), "image/png"],
    ["JPEG", greyJpeg(), "image/jpeg"],
    ["GIF", Buffer.from("GIF89a\x01\x00\x01\x00", "latin1"), null],
    ["PDF", Buffer.from("%PDF-1.7\n", "latin1"), null],
    ["HTML named .png", Buffer.from("<svg onload=alert(1)>", "latin1"), null],
    ["empty", Buffer.alloc(0), null],
  ])("%s", (_name, bytes, type) => {
    expect(sniffImageType(bytes)).toBe(type);
    if (type === null) expect(cleanImage(bytes).ok).toBe(false);
  });
});

describe("artifact images: JPEG metadata", () => {
  it("drops EXIF with GPS, XMP, IPTC, comments and what follows EOI; the scan is byte-identical", () => {
    const original = greyJpeg(64, 48);
    const dirty = jpegWith(
      [
        segment(0xe0, Buffer.from("JFIF\0\x01\x02\0\0\x01\0\x01\0\0", "latin1")),
        exifSegment(1),
        segment(0xe1, Buffer.from("http://ns.adobe.com/xap/1.0/\0<x:xmpmeta>XMP-SECRET</x:xmpmeta>", "latin1")),
        segment(0xed, Buffer.from("Photoshop 3.0\0IPTC-SECRET", "latin1")),
        segment(0xe2, Buffer.from("ICC_PROFILE\0ICC-SECRET", "latin1")),
        segment(0xfe, Buffer.from("COMMENT-SECRET", "latin1")),
      ],
      Buffer.from("TRAILER-SECRET", "latin1"),
      original,
    );
    const result = cleanImage(dirty);
    if (!result.ok) throw new Error(result.error);
    const clean = result.image.bytes;
    for (const secret of [
      "GPS-52",
      "XMP-SECRET",
      "IPTC-SECRET",
      "ICC-SECRET",
      "COMMENT-SECRET",
      "TRAILER-SECRET",
      "JFIF",
    ])
      expect(has(clean, secret), secret).toBe(false);
    expect(markers(clean).filter((m) => m >= 0xe0 && m <= 0xef)).toEqual([]);
    expect(markers(clean)).not.toContain(0xfe);
    // without metadata, the rest is exactly the original file
    expect(Buffer.from(clean).equals(original)).toBe(true);
    expect(result.image).toMatchObject({ mediaType: "image/jpeg", width: 64, height: 48, orientation: 1 });
  });

  it("keeps the orientation alone, in a minimal EXIF segment, and reports the upright size", () => {
    const original = greyJpeg(64, 48);
    const result = cleanImage(jpegWith([exifSegment(6)], undefined, original));
    if (!result.ok) throw new Error(result.error);
    const clean = Buffer.from(result.image.bytes);
    expect(has(clean, "GPS-52")).toBe(false);
    expect(markers(clean).filter((m) => m >= 0xe0 && m <= 0xef)).toEqual([0xe1]);
    const app1Length = clean.readUInt16BE(4);
    expect(exifOrientation(clean.subarray(6, 4 + app1Length))).toBe(6);
    // SOI + the 36-byte orientation segment + the original after SOI
    expect(clean.subarray(2 + 2 + app1Length).equals(original.subarray(2))).toBe(true);
    expect(result.image).toMatchObject({ width: 48, height: 64, orientation: 6 });
  });

  it.each([
    ["cut in the scan", (j: Buffer) => j.subarray(0, j.length - 4)],
    ["cut in a table", (j: Buffer) => j.subarray(0, 30)],
    ["no EOI", (j: Buffer) => j.subarray(0, j.length - 2)],
    [
      "a segment longer than the file",
      (j: Buffer) => jpegWith([Buffer.from([0xff, 0xe1, 0xff, 0xff, 1, 2])], undefined, j),
    ],
    ["garbage after SOI", (j: Buffer) => Buffer.concat([j.subarray(0, 3), Buffer.from("garbage garbage garbage")])],
    ["no frame", () => Buffer.from([0xff, 0xd8, 0xff, 0xd9])],
  ])("refuses a JPEG %s", (_name, damage) => {
    const result = cleanImage(damage(greyJpeg()));
    expect(result.ok).toBe(false);
  });

  it("refuses a CMYK JPEG (the archive's colour space is sRGB) and an arithmetic-coded one", () => {
    const cmyk = Buffer.from(greyJpeg());
    // the frame's component count
    const sof = cmyk.indexOf(Buffer.from([0xff, 0xc0]));
    cmyk[sof + 9] = 4;
    expect(cleanImage(cmyk)).toMatchObject({ ok: false, error: expect.stringContaining("CMYK") });
    const arithmetic = Buffer.from(greyJpeg());
    arithmetic[sof + 1] = 0xc9;
    expect(cleanImage(arithmetic).ok).toBe(false);
  });
});

describe("artifact images: PNG metadata", () => {
  it("drops tEXt, zTXt, iTXt, eXIf, tIME, iCCP and private chunks; the image chunks are byte-identical", () => {
    const clean = png(40, 30);
    const dirty = png(40, 30, [
      pngText("Author", "TEXT-SECRET"),
      pngChunk("zTXt", Buffer.from("Comment\0\0ZTXT-SECRET", "latin1")),
      pngChunk("iTXt", Buffer.from("XML:com.adobe.xmp\0\0\0\0\0ITXT-SECRET", "latin1")),
      pngChunk("eXIf", exifSegment(1).subarray(10)),
      pngChunk("tIME", Buffer.from([0x07, 0xea, 12, 3, 9, 0, 0])),
      pngChunk("iCCP", Buffer.from("ICC-SECRET\0\0", "latin1")),
      pngChunk("prVt", Buffer.from("PRIVATE-SECRET", "latin1")),
      pngChunk("pHYs", Buffer.from([0, 0, 0x0b, 0x13, 0, 0, 0x0b, 0x13, 1])),
    ]);
    const result = cleanImage(Buffer.concat([dirty, Buffer.from("TRAILER-SECRET")]));
    if (!result.ok) throw new Error(result.error);
    const out = result.image.bytes;
    for (const secret of ["TEXT-SECRET", "ZTXT", "ITXT", "GPS-52", "ICC-SECRET", "PRIVATE", "TRAILER"])
      expect(has(out, secret), secret).toBe(false);
    expect(pngChunkTypes(out)).toEqual(["IHDR", "pHYs", "IDAT", "IEND"]);
    const withoutPhys = Buffer.concat([out.subarray(0, 33), out.subarray(33 + 21)]);
    expect(withoutPhys.equals(clean)).toBe(true);
    expect(result.image).toMatchObject({ mediaType: "image/png", width: 40, height: 30, orientation: 1 });
  });

  it.each([
    ["cut short", (p: Buffer) => p.subarray(0, p.length - 5)],
    ["a bad CRC", (p: Buffer) => Buffer.from(p).fill(0, p.length - 16, p.length - 12)],
    ["IHDR not first", () => Buffer.concat([png().subarray(0, 8), pngText("a", "b"), png().subarray(8)])],
    ["no IDAT", (p: Buffer) => Buffer.concat([p.subarray(0, 33), pngChunk("IEND", Buffer.alloc(0))])],
    ["signature only", (p: Buffer) => p.subarray(0, 8)],
    [
      "a chunk length past the end",
      (p: Buffer) => Buffer.concat([p.subarray(0, 33), Buffer.from([0x7f, 0xff, 0xff, 0xff]), Buffer.from("IDAT")]),
    ],
  ])("refuses a PNG with %s", (_name, damage) => {
    expect(cleanImage(damage(png())).ok).toBe(false);
  });

  it("refuses an image too large in bytes or in pixels", () => {
    expect(cleanImage(Buffer.concat([png(), Buffer.alloc(ARTIFACT_MAX_BYTES)])).ok).toBe(false);
    const huge = Buffer.from(png(2, 2));
    huge.writeUInt32BE(20_000, 16);
    huge.writeUInt32BE(20_000, 20);
    // fix the IHDR CRC so only the size is wrong
    huge.writeUInt32BE(crc32(huge.subarray(12, 29)), 29);
    expect(cleanImage(huge)).toMatchObject({ ok: false, error: expect.stringContaining("megapixels") });
  });
});
