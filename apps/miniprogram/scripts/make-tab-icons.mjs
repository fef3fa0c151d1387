// Draws the tab-bar icons (81×81 PNG, as WeChat recommends) without any image library.
// Run: node scripts/make-tab-icons.mjs  → src/assets/tab/*.png
import { writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { deflateSync } from 'node:zlib';

const SIZE = 81;
const SS = 4; // supersampling per axis
const OUT = join(dirname(fileURLToPath(import.meta.url)), '../src/assets/tab');

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
function crc32(buf) {
  let c = 0xffffffff;
  for (const b of buf) c = CRC_TABLE[(c ^ b) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}
function chunk(type, data) {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const td = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(td));
  return Buffer.concat([len, td, crc]);
}
function png(rgba) {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(SIZE, 0);
  ihdr.writeUInt32BE(SIZE, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = 6; // RGBA
  const raw = Buffer.alloc((SIZE * 4 + 1) * SIZE);
  for (let y = 0; y < SIZE; y++) {
    raw[y * (SIZE * 4 + 1)] = 0;
    rgba.copy(raw, y * (SIZE * 4 + 1) + 1, y * SIZE * 4, (y + 1) * SIZE * 4);
  }
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', deflateSync(raw, { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}
function draw(inside, [r, g, b]) {
  const buf = Buffer.alloc(SIZE * SIZE * 4);
  for (let y = 0; y < SIZE; y++) {
    for (let x = 0; x < SIZE; x++) {
      let hits = 0;
      for (let sy = 0; sy < SS; sy++) {
        for (let sx = 0; sx < SS; sx++) {
          if (inside(x + (sx + 0.5) / SS, y + (sy + 0.5) / SS)) hits++;
        }
      }
      const i = (y * SIZE + x) * 4;
      buf[i] = r;
      buf[i + 1] = g;
      buf[i + 2] = b;
      buf[i + 3] = Math.round((hits / (SS * SS)) * 255);
    }
  }
  return png(buf);
}

const inRect = (x, y, x0, y0, x1, y1) => x >= x0 && x <= x1 && y >= y0 && y <= y1;
// Roof: triangle apex (40.5, 10), base from (6, 40) to (75, 40).
const inRoof = (x, y) => y >= 10 && y <= 40 && Math.abs(x - 40.5) <= ((y - 10) / 30) * 34.5;
const home = (x, y) => (inRoof(x, y) || inRect(x, y, 16, 36, 65, 72)) && !inRect(x, y, 34, 50, 47, 72);
const inCircle = (x, y, cx, cy, r) => (x - cx) ** 2 + (y - cy) ** 2 <= r * r;
const me = (x, y) =>
  inCircle(x, y, 40.5, 25, 14) ||
  (y <= 72 && ((x - 40.5) / 28) ** 2 + ((y - 74) / 28) ** 2 <= 1 && !inCircle(x, y, 40.5, 25, 18));

// 活动: a flag (团旗) on a pole, with a star cut out.
const inStar = (x, y, cx, cy, R, r) => {
  const a = Math.atan2(y - cy, x - cx) + Math.PI / 2;
  const d = Math.hypot(x - cx, y - cy);
  const k = (((a % (2 * Math.PI)) + 2 * Math.PI) % (2 * Math.PI)) / ((2 * Math.PI) / 5);
  const t = Math.abs(k - Math.floor(k) - 0.5) * 2; // 1 at a point, 0 between points
  return d <= r + (R - r) * t;
};
const activities = (x, y) =>
  inRect(x, y, 12, 8, 18, 74) ||
  (x >= 18 &&
    x <= 70 &&
    y >= 11 + 3 * Math.sin((x - 18) / 8) &&
    y <= 45 + 3 * Math.sin((x - 18) / 8) &&
    !inStar(x, y, 34, 27, 9, 3.8));

const GREY = [0x8a, 0x8a, 0x8a];
const RED = [0xc8, 0x16, 0x1d];
for (const [name, shape] of Object.entries({ home, me, activities })) {
  writeFileSync(join(OUT, `${name}.png`), draw(shape, GREY));
  writeFileSync(join(OUT, `${name}-active.png`), draw(shape, RED));
}
console.log('tab icons written to', OUT);
