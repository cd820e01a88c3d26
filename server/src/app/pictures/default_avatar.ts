import { createHash } from 'node:crypto';
import sharp from 'sharp';

const SIZE = 128;
const GRID = 5;

/**
 * A deterministic identicon PNG for a user without an uploaded picture: a
 * mirrored 5x5 pattern in a colour derived from the user id.
 */
export async function defaultAvatar(userId: string): Promise<Buffer> {
  const hash = createHash('sha256').update(userId).digest();
  const hue = hash[0] / 255;
  const [r, g, b] = hslToRgb(hue, 0.55, 0.5);
  const pixels = Buffer.alloc(SIZE * SIZE * 3, 0xf0);
  const cell = Math.floor(SIZE / (GRID + 1));
  const offset = Math.floor((SIZE - cell * GRID) / 2);
  for (let row = 0; row < GRID; row++) {
    for (let col = 0; col < Math.ceil(GRID / 2); col++) {
      if ((hash[1 + row * 3 + col] & 1) === 0) continue;
      for (const c of new Set([col, GRID - 1 - col])) {
        for (let y = 0; y < cell; y++) {
          for (let x = 0; x < cell; x++) {
            const i = ((offset + row * cell + y) * SIZE + offset + c * cell + x) * 3;
            pixels[i] = r;
            pixels[i + 1] = g;
            pixels[i + 2] = b;
          }
        }
      }
    }
  }
  return sharp(pixels, { raw: { width: SIZE, height: SIZE, channels: 3 } }).png().toBuffer();
}

function hslToRgb(h: number, s: number, l: number): [number, number, number] {
  const f = (n: number): number => {
    const k = (n + h * 12) % 12;
    const a = s * Math.min(l, 1 - l);
    return Math.round(255 * (l - a * Math.max(-1, Math.min(k - 3, 9 - k, 1))));
  };
  return [f(0), f(8), f(4)];
}
