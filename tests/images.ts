// Tiny real images built byte by byte for the artifact tests (no encoder needed): a grey baseline
// JPEG, a PNG with any chunks, and the metadata a phone or an editor would add to them.
import { deflateSync } from "node:zlib";

import { crc32 } from "../app/domain/scorecard/artifact-image";

/**
 * A decodable mid-grey baseline JPEG of w × h: one component, a quantisation table of ones and
 * Huffman tables with one code each (DC category 0, AC end-of-block), so every 8×8 block is two bits.
 */
export function greyJpeg(width = 64, height = 48): Buffer {
  const blocks = Math.ceil(width / 8) * Math.ceil(height / 8);
  const bits = "00".repeat(blocks);
  const padded = bits.padEnd(Math.ceil(bits.length / 8) * 8, "1");
  const scan: number[] = [];
  for (let i = 0; i < padded.length; i += 8) {
    const byte = parseInt(padded.slice(i, i + 8), 2);
    scan.push(byte);
    if (byte === 0xff) scan.push(0x00);
  }
  const table = (cls: number) => [0xff, 0xc4, 0x00, 0x14, cls, 1, ...new Array<number>(15).fill(0), 0x00];
  return Buffer.from([
    0xff,
    0xd8,
    0xff,
    0xdb,
    0x00,
    0x43,
    0x00,
    ...new Array<number>(64).fill(1),
    0xff,
    0xc0,
    0x00,
    0x0b,
    0x08,
    height >> 8,
    height & 0xff,
    width >> 8,
    width & 0xff,
    0x01,
    0x01,
    0x11,
    0x00,
    ...table(0x00),
    ...table(0x10),
    0xff,
    0xda,
    0x00,
    0x08,
    0x01,
    0x01,
    0x00,
    0x00,
    0x3f,
    0x00,
    ...scan,
    0xff,
    0xd9,
  ]);
}

/** An APP1 EXIF segment (big-endian) with an orientation tag and a GPS latitude reference "N" + marker text. */
export function exifSegment(orientation: number, marker = "GPS-52.2297N-21.0122E"): Buffer {
  const text = Buffer.from(`${marker}\0`, "latin1");
  // IFD0: Orientation + GPS pointer; GPS IFD: GPSLatitudeRef + GPSMapDatum (ASCII, the marker)
  const ifd0At = 8;
  const gpsAt = ifd0At + 2 + 2 * 12 + 4;
  const textAt = gpsAt + 2 + 2 * 12 + 4;
  const tiff = Buffer.alloc(textAt + text.length);
  tiff.write("MM", 0, "latin1");
  tiff.writeUInt16BE(42, 2);
  tiff.writeUInt32BE(ifd0At, 4);
  tiff.writeUInt16BE(2, ifd0At);
  tiff.writeUInt16BE(0x0112, ifd0At + 2);
  tiff.writeUInt16BE(3, ifd0At + 4);
  tiff.writeUInt32BE(1, ifd0At + 6);
  tiff.writeUInt16BE(orientation, ifd0At + 10);
  tiff.writeUInt16BE(0x8825, ifd0At + 14);
  tiff.writeUInt16BE(4, ifd0At + 16);
  tiff.writeUInt32BE(1, ifd0At + 18);
  tiff.writeUInt32BE(gpsAt, ifd0At + 22);
  tiff.writeUInt16BE(2, gpsAt);
  tiff.writeUInt16BE(0x0001, gpsAt + 2);
  tiff.writeUInt16BE(2, gpsAt + 4);
  tiff.writeUInt32BE(2, gpsAt + 6);
  tiff.write("N\0", gpsAt + 10, "latin1");
  tiff.writeUInt16BE(0x0012, gpsAt + 14);
  tiff.writeUInt16BE(2, gpsAt + 16);
  tiff.writeUInt32BE(text.length, gpsAt + 18);
  tiff.writeUInt32BE(textAt, gpsAt + 22);
  text.copy(tiff, textAt);
  const payload = Buffer.concat([Buffer.from("Exif\0\0", "latin1"), tiff]);
  return segment(0xe1, payload);
}

export function segment(marker: number, payload: Buffer): Buffer {
  const head = Buffer.from([0xff, marker, 0, 0]);
  head.writeUInt16BE(payload.length + 2, 2);
  return Buffer.concat([head, payload]);
}

/** A JPEG with segments inserted right after SOI (EXIF, XMP, COM…) and optional bytes after EOI. */
export function jpegWith(extra: Buffer[], trailer = Buffer.alloc(0), base = greyJpeg()): Buffer {
  return Buffer.concat([base.subarray(0, 2), ...extra, base.subarray(2), trailer]);
}

export function pngChunk(type: string, data: Buffer): Buffer {
  const head = Buffer.alloc(8);
  head.writeUInt32BE(data.length, 0);
  head.write(type, 4, "latin1");
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(Buffer.concat([head.subarray(4), data])), 0);
  return Buffer.concat([head, data, crc]);
}

/** An RGB PNG of w × h in a blue-to-white gradient, with `extra` chunks placed before IDAT. */
export function png(width = 40, height = 30, extra: Buffer[] = []): Buffer {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr.set([8, 2, 0, 0, 0], 8);
  const rows: Buffer[] = [];
  for (let y = 0; y < height; y++) {
    const row = Buffer.alloc(1 + width * 3);
    for (let x = 0; x < width; x++)
      row.set([Math.round((255 * x) / width), Math.round((255 * y) / height), 255], 1 + x * 3);
    rows.push(row);
  }
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    pngChunk("IHDR", ihdr),
    ...extra,
    pngChunk("IDAT", deflateSync(Buffer.concat(rows))),
    pngChunk("IEND", Buffer.alloc(0)),
  ]);
}

export function pngText(keyword: string, text: string): Buffer {
  return pngChunk("tEXt", Buffer.from(`${keyword}\0${text}`, "latin1"));
}

/** The data of a PNG's first IDAT chunk (its compressed pixels). */
export function pngIdat(file: Buffer): Buffer {
  for (let at = 8; at + 8 <= file.length;) {
    const length = file.readUInt32BE(at);
    if (file.toString("latin1", at + 4, at + 8) === "IDAT") return file.subarray(at + 8, at + 8 + length);
    at += 12 + length;
  }
  throw new Error("no IDAT chunk");
}
