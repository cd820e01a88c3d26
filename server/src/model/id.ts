import { randomFillSync } from 'node:crypto';

// Mattermost's base32 alphabet: ids are 26 chars of [a-z0-9] minus look-alikes.
const ALPHABET = 'ybndrfg8ejkmcpqxot1uwisza345h769';

const ID_BYTES = 16;
// One call to the system's random source per 256 ids: each call is a system call, and ids are made on every write.
const pool = Buffer.alloc(ID_BYTES * 256);
let poolOffset = pool.length;

/** A new 26-character id in Mattermost's NewId format (128 random bits, custom base32). */
export function newId(): string {
  if (poolOffset === pool.length) {
    randomFillSync(pool);
    poolOffset = 0;
  }
  const start = poolOffset;
  poolOffset += ID_BYTES;
  let out = '';
  let buffer = 0;
  let bits = 0;
  for (let i = start; i < start + ID_BYTES; i++) {
    buffer = (buffer << 8) | pool[i];
    bits += 8;
    while (bits >= 5) {
      out += ALPHABET[(buffer >>> (bits - 5)) & 31];
      bits -= 5;
    }
  }
  if (bits > 0) out += ALPHABET[(buffer << (5 - bits)) & 31];
  return out;
}

const ID_PATTERN = /^[a-z0-9]{26}$/;

export function isValidId(value: unknown): value is string {
  return typeof value === 'string' && ID_PATTERN.test(value);
}
