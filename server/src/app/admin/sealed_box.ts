import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';
import type { AtRestKey } from './at_rest_key.js';

const NONCE_BYTES = 12;
const TAG_BYTES = 16;

/**
 * Values the server hands out and must get back unread and unchanged (message action cookies, single sign-on
 * state): sealed with AES-256-GCM under a key derived from SqlSettings.AtRestEncryptKey and `purpose`, so nothing
 * sealed for one use opens for another, and every node opens what any node sealed.
 */
export class SealedBox {
  constructor(private readonly atRestKey: AtRestKey, private readonly purpose: string) {}

  async seal(value: unknown): Promise<string> {
    const nonce = randomBytes(NONCE_BYTES);
    const cipher = createCipheriv('aes-256-gcm', await this.key(), nonce);
    const sealed = Buffer.concat([cipher.update(JSON.stringify(value), 'utf8'), cipher.final()]);
    return Buffer.concat([nonce, sealed, cipher.getAuthTag()]).toString('base64url');
  }

  /** What `sealed` holds; undefined when this server (for this purpose) did not seal it or it was altered. */
  async open(sealed: string): Promise<unknown> {
    // base64url, and the standard alphabet message action cookies were sealed in before.
    const bytes = Buffer.from(sealed, 'base64url');
    if (bytes.length <= NONCE_BYTES + TAG_BYTES) return undefined;
    const decipher = createDecipheriv('aes-256-gcm', await this.key(), bytes.subarray(0, NONCE_BYTES));
    decipher.setAuthTag(bytes.subarray(bytes.length - TAG_BYTES));
    try {
      const plain = Buffer.concat([decipher.update(bytes.subarray(NONCE_BYTES, bytes.length - TAG_BYTES)), decipher.final()]);
      return JSON.parse(plain.toString('utf8')) as unknown;
    } catch {
      return undefined;
    }
  }

  private async key(): Promise<Buffer> {
    return createHash('sha256').update(`${this.purpose}:${await this.atRestKey.get()}`).digest();
  }
}
