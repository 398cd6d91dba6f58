// Draws the application icon with plain Node (no image tools): a 1024×1024 RGBA PNG at
// resources/icon.png — a blue rounded square with a white score sheet, three lines and a green
// tick. electron-builder makes the Windows .ico and macOS .icns from it, and Linux uses it as is.
// Run: node scripts/make-icon.mjs [out.png] [size]
import { writeFileSync } from 'node:fs';
import { deflateSync } from 'node:zlib';

const out = process.argv[2] ?? 'resources/icon.png';
const size = Number(process.argv[3] ?? 1024);
const s = size / 1024;

/** Signed distance to a rounded rectangle (centre cx,cy, half sizes hw,hh, radius r). */
function roundRect(x, y, cx, cy, hw, hh, r) {
  const qx = Math.abs(x - cx) - hw + r;
  const qy = Math.abs(y - cy) - hh + r;
  return Math.hypot(Math.max(qx, 0), Math.max(qy, 0)) + Math.min(Math.max(qx, qy), 0) - r;
}
/** Signed distance to a thick segment from (ax,ay) to (bx,by). */
function segment(x, y, ax, ay, bx, by, half) {
  const px = x - ax, py = y - ay, dx = bx - ax, dy = by - ay;
  const t = Math.max(0, Math.min(1, (px * dx + py * dy) / (dx * dx + dy * dy)));
  return Math.hypot(px - t * dx, py - t * dy) - half;
}
const cover = (d) => Math.max(0, Math.min(1, 0.5 - d)); // anti-aliasing over one pixel

const layers = [
  // [distance function, [r,g,b]]
  [(x, y) => roundRect(x, y, 512 * s, 512 * s, 440 * s, 440 * s, 180 * s), (x, y) => [21 + (y / size) * 20, 101 - (y / size) * 30, 192 - (y / size) * 40]],
  [(x, y) => roundRect(x, y, 512 * s, 530 * s, 250 * s, 310 * s, 40 * s), () => [255, 255, 255]],
  [(x, y) => roundRect(x, y, 512 * s, 236 * s, 110 * s, 40 * s, 20 * s), () => [176, 190, 197]],
  ...[380, 480, 580].map((ly) => [(x, y) => segment(x, y, 360 * s, ly * s, 660 * s, ly * s, 18 * s), () => [144, 164, 174]]),
  [(x, y) => Math.min(segment(x, y, 380 * s, 700 * s, 470 * s, 790 * s, 34 * s), segment(x, y, 470 * s, 790 * s, 680 * s, 620 * s, 34 * s)), () => [46, 160, 67]],
];

const raw = Buffer.alloc((size * 4 + 1) * size);
for (let y = 0; y < size; y++) {
  raw[y * (size * 4 + 1)] = 0; // filter: none
  for (let x = 0; x < size; x++) {
    let [r, g, b, a] = [0, 0, 0, 0];
    for (const [dist, colour] of layers) {
      const c = cover(dist(x + 0.5, y + 0.5));
      if (c === 0) continue;
      const [lr, lg, lb] = colour(x, y);
      const na = c + a * (1 - c);
      r = (lr * c + r * a * (1 - c)) / na;
      g = (lg * c + g * a * (1 - c)) / na;
      b = (lb * c + b * a * (1 - c)) / na;
      a = na;
    }
    const o = y * (size * 4 + 1) + 1 + x * 4;
    raw[o] = Math.round(r);
    raw[o + 1] = Math.round(g);
    raw[o + 2] = Math.round(b);
    raw[o + 3] = Math.round(a * 255);
  }
}

const crcTable = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
const crc = (buf) => {
  let c = 0xffffffff;
  for (const byte of buf) c = crcTable[(c ^ byte) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
};
const chunk = (type, data) => {
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const sum = Buffer.alloc(4);
  sum.writeUInt32BE(crc(body));
  return Buffer.concat([len, body, sum]);
};
const ihdr = Buffer.alloc(13);
ihdr.writeUInt32BE(size, 0);
ihdr.writeUInt32BE(size, 4);
ihdr[8] = 8; // bit depth
ihdr[9] = 6; // RGBA
const png = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), chunk('IHDR', ihdr), chunk('IDAT', deflateSync(raw, { level: 9 })), chunk('IEND', Buffer.alloc(0))]);
writeFileSync(out, png);
console.log(`${out}: ${size}×${size}, ${png.length} bytes`);
