#!/usr/bin/env node
/**
 * Writes the add-in icons assets/icon-<size>.png (16, 32, 64, 80, 128 px) without any image tool:
 * a teal tile with three rising bars (the Sozialindex as a bar chart), encoded as PNG with zlib.
 * Deterministic: the same bytes on every run, so the icons can live in git.
 *
 * @example node scripts/make-icons.js   // => writes assets/icon-16.png … assets/icon-128.png
 */
"use strict";
const fs = require("node:fs");
const path = require("node:path");
const zlib = require("node:zlib");

const SIZES = [16, 32, 64, 80, 128];
const TILE = [0x0f, 0x6c, 0x74]; // teal
const BAR = [0xff, 0xff, 0xff];

/** CRC-32 as PNG needs it. */
function crc32(buf) {
  let c = ~0;
  for (const byte of buf) {
    c ^= byte;
    for (let k = 0; k < 8; k++) c = (c >>> 1) ^ (0xedb88320 & -(c & 1));
  }
  return ~c >>> 0;
}

function chunk(type, data) {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, "ascii"), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([len, body, crc]);
}

/** RGBA pixel of the icon at (x, y) for a size × size tile. */
function pixel(x, y, size) {
  const margin = Math.max(1, Math.round(size / 8));
  const radius = Math.max(1, Math.round(size / 6));
  // rounded tile: transparent outside the rounded corners
  const cx = x < radius ? radius : x >= size - radius ? size - radius - 1 : x;
  const cy = y < radius ? radius : y >= size - radius ? size - radius - 1 : y;
  if ((x - cx) ** 2 + (y - cy) ** 2 > radius ** 2) return [0, 0, 0, 0];
  // three bars of rising height
  const inner = size - 2 * margin;
  const barWidth = Math.max(1, Math.floor(inner / 5));
  const heights = [0.35, 0.6, 0.85];
  for (let b = 0; b < 3; b++) {
    const left = margin + Math.round((b * 2 * inner) / 5);
    const top = size - margin - Math.round(heights[b] * inner);
    if (x >= left && x < left + barWidth && y >= top && y < size - margin) return [...BAR, 255];
  }
  return [...TILE, 255];
}

function png(size) {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(size, 0);
  header.writeUInt32BE(size, 4);
  header[8] = 8; // bit depth
  header[9] = 6; // RGBA
  const raw = Buffer.alloc(size * (size * 4 + 1));
  for (let y = 0; y < size; y++) {
    const row = y * (size * 4 + 1);
    raw[row] = 0; // filter: none
    for (let x = 0; x < size; x++) Buffer.from(pixel(x, y, size)).copy(raw, row + 1 + x * 4);
  }
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk("IHDR", header),
    chunk("IDAT", zlib.deflateSync(raw, { level: 9 })),
    chunk("IEND", Buffer.alloc(0)),
  ]);
}

if (require.main === module) {
  const dir = path.join(__dirname, "..", "assets");
  fs.mkdirSync(dir, { recursive: true });
  for (const size of SIZES) fs.writeFileSync(path.join(dir, `icon-${size}.png`), png(size));
  console.log(`Icons geschrieben: ${SIZES.map((s) => `icon-${s}.png`).join(", ")}`);
}

module.exports = { png, SIZES };
