// Draws the console's raster icons from public/icon.svg (sharp, which Next.js already brings): the
// apple-touch icon (180 px, no transparency) and favicon.ico (16 and 32 px PNGs in one ICO container).
// Run after changing the SVG: node scripts/draw-icons.mjs
import fs from "node:fs";
import path from "node:path";
import sharp from "sharp";

const root = path.resolve(import.meta.dirname, "..");
const svg = fs.readFileSync(path.join(root, "public/icon.svg"));
const png = (size, background) => sharp(svg, { density: 72 * (size / 64) * 2 }).resize(size, size).flatten(background ? { background } : false).png().toBuffer();

await fs.promises.writeFile(path.join(root, "public/apple-touch-icon.png"), await png(180, "#4338ca"));

/** An ICO file holding PNG images (allowed since Windows Vista; every current browser reads it). */
function ico(images) {
  const header = Buffer.alloc(6);
  header.writeUInt16LE(0, 0);
  header.writeUInt16LE(1, 2); // type: icon
  header.writeUInt16LE(images.length, 4);
  let offset = 6 + 16 * images.length;
  const entries = images.map(({ size, data }) => {
    const entry = Buffer.alloc(16);
    entry.writeUInt8(size >= 256 ? 0 : size, 0);
    entry.writeUInt8(size >= 256 ? 0 : size, 1);
    entry.writeUInt16LE(1, 4); // colour planes
    entry.writeUInt16LE(32, 6); // bits per pixel
    entry.writeUInt32LE(data.length, 8);
    entry.writeUInt32LE(offset, 12);
    offset += data.length;
    return entry;
  });
  return Buffer.concat([header, ...entries, ...images.map((i) => i.data)]);
}
const sizes = [16, 32];
await fs.promises.writeFile(path.join(root, "public/favicon.ico"), ico(await Promise.all(sizes.map(async (size) => ({ size, data: await png(size) })))));
console.log("wrote public/apple-touch-icon.png and public/favicon.ico");
