import { createReadStream, createWriteStream } from 'node:fs';
import { access, mkdir, readFile, rename, rm } from 'node:fs/promises';
import path from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { randomBytes } from 'node:crypto';
import { ByteLimit } from './byte_limit.js';
import { FileNotFoundError, type ByteRange, type FileBackend } from './file_backend.js';

const notFound = (err: unknown): boolean => (err as NodeJS.ErrnoException).code === 'ENOENT';

/**
 * Files in a local folder. A write goes to a temporary name beside the target
 * and is renamed into place once complete, so a failed or interrupted upload
 * never leaves a partial file behind.
 */
export class LocalFileBackend implements FileBackend {
  private readonly root: string;

  constructor(directory: string) {
    this.root = path.resolve(directory);
  }

  private resolve(key: string): string {
    const full = path.resolve(this.root, key);
    if (full !== this.root && !full.startsWith(this.root + path.sep)) throw new Error(`file key leaves the storage folder: ${key}`);
    return full;
  }

  async write(key: string, body: Readable | Buffer, options: { maxBytes?: number } = {}): Promise<number> {
    const target = this.resolve(key);
    await mkdir(path.dirname(target), { recursive: true });
    const temporary = `${target}.${randomBytes(6).toString('hex')}.partial`;
    const limit = new ByteLimit(options.maxBytes ?? Number.POSITIVE_INFINITY);
    try {
      await pipeline(Buffer.isBuffer(body) ? Readable.from([body]) : body, limit, createWriteStream(temporary));
      await rename(temporary, target);
      return limit.bytes;
    } catch (err) {
      await rm(temporary, { force: true });
      throw err;
    }
  }

  async read(key: string, range?: ByteRange): Promise<Readable> {
    const full = this.resolve(key);
    try {
      await access(full);
    } catch (err) {
      if (notFound(err)) throw new FileNotFoundError(key);
      throw err;
    }
    return createReadStream(full, range ? { start: range.start, end: range.end } : {});
  }

  async readBuffer(key: string): Promise<Buffer> {
    try {
      return await readFile(this.resolve(key));
    } catch (err) {
      if (notFound(err)) throw new FileNotFoundError(key);
      throw err;
    }
  }

  async exists(key: string): Promise<boolean> {
    return access(this.resolve(key)).then(() => true, () => false);
  }

  async remove(key: string): Promise<void> {
    await rm(this.resolve(key), { force: true });
  }

  async removeDirectory(prefix: string): Promise<void> {
    await rm(this.resolve(prefix), { recursive: true, force: true });
  }

  async test(): Promise<void> {
    const probe = `.parley_write_test_${randomBytes(6).toString('hex')}`;
    await this.write(probe, Buffer.from('ok'));
    await this.remove(probe);
  }
}
