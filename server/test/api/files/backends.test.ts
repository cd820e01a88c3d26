import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FileNotFoundError, FileTooLargeError, type FileBackend } from '../../../src/files/file_backend.js';
import { LocalFileBackend } from '../../../src/files/local_backend.js';
import { S3FileBackend } from '../../../src/files/s3_backend.js';
import { startLocalS3, type LocalS3 } from './s3_fixture.js';

const MiB = 1024 * 1024;

/** `total` bytes in `chunk`-sized pieces, each filled with its index, so a misordered or lost chunk changes the bytes. */
function pattern(total: number, chunk = 256 * 1024): { stream: Readable; expected: Buffer } {
  const pieces: Buffer[] = [];
  for (let offset = 0, i = 0; offset < total; offset += chunk, i++) pieces.push(Buffer.alloc(Math.min(chunk, total - offset), i % 251));
  return { stream: Readable.from(pieces), expected: Buffer.concat(pieces) };
}

/** A stream that sends `bytes` and then fails, as a client's aborted upload does. */
function failingAfter(bytes: number): Readable {
  let sent = false;
  return new Readable({
    read() {
      if (sent) this.destroy(new Error('client went away'));
      else {
        sent = true;
        this.push(Buffer.alloc(bytes, 7));
      }
    },
  });
}

let s3: LocalS3;
let localDir: string;
beforeAll(async () => {
  s3 = await startLocalS3(['parley-backend-test']);
  localDir = mkdtempSync(path.join(os.tmpdir(), 'parley-local-backend-'));
});
afterAll(async () => {
  await s3?.close();
  rmSync(localDir, { recursive: true, force: true });
});

const backends: [string, () => FileBackend][] = [
  ['local', () => new LocalFileBackend(localDir)],
  ['s3', () => new S3FileBackend(s3.settings('parley-backend-test', 'prefix/inside'))],
];

describe.each(backends)('%s backend', (_name, open) => {
  it('writes, reads, tells existence and removes', async () => {
    const backend = open();
    expect(await backend.write('a/b/hello.txt', Buffer.from('hello world'), { contentType: 'text/plain' })).toBe(11);
    expect(await backend.exists('a/b/hello.txt')).toBe(true);
    expect((await backend.readBuffer('a/b/hello.txt')).toString()).toBe('hello world');
    const chunks: Buffer[] = [];
    for await (const chunk of await backend.read('a/b/hello.txt')) chunks.push(chunk as Buffer);
    expect(Buffer.concat(chunks).toString()).toBe('hello world');
    const part: Buffer[] = [];
    for await (const chunk of await backend.read('a/b/hello.txt', { start: 6, end: 9 })) part.push(chunk as Buffer);
    expect(Buffer.concat(part).toString()).toBe('worl');
    await backend.write('a/b/hello.txt', Buffer.from('replaced'));
    expect((await backend.readBuffer('a/b/hello.txt')).toString()).toBe('replaced');
    await backend.remove('a/b/hello.txt');
    expect(await backend.exists('a/b/hello.txt')).toBe(false);
    await backend.remove('a/b/hello.txt');
    await expect(backend.read('a/b/hello.txt')).rejects.toBeInstanceOf(FileNotFoundError);
    await expect(backend.readBuffer('never/written')).rejects.toBeInstanceOf(FileNotFoundError);
  });

  it('streams a body larger than several upload parts intact', async () => {
    const backend = open();
    const { stream, expected } = pattern(12 * MiB + 123);
    expect(await backend.write('big/file.bin', stream, { maxBytes: 13 * MiB })).toBe(expected.length);
    expect((await backend.readBuffer('big/file.bin')).equals(expected)).toBe(true);
    await backend.remove('big/file.bin');
  });

  it('leaves nothing when a body passes its limit, small or multipart', async () => {
    const backend = open();
    await expect(backend.write('limit/small.bin', Buffer.alloc(2000), { maxBytes: 1000 })).rejects.toBeInstanceOf(FileTooLargeError);
    expect(await backend.exists('limit/small.bin')).toBe(false);
    await expect(backend.write('limit/big.bin', pattern(12 * MiB).stream, { maxBytes: 11 * MiB })).rejects.toBeInstanceOf(FileTooLargeError);
    expect(await backend.exists('limit/big.bin')).toBe(false);
  });

  it('leaves nothing when the body fails midway, and keeps what was there before', async () => {
    const backend = open();
    await expect(backend.write('broken/one.bin', failingAfter(1000))).rejects.toThrow('client went away');
    expect(await backend.exists('broken/one.bin')).toBe(false);
    await backend.write('broken/two.bin', Buffer.from('before'));
    await expect(backend.write('broken/two.bin', failingAfter(6 * MiB))).rejects.toThrow('client went away');
    expect((await backend.readBuffer('broken/two.bin')).toString()).toBe('before');
  });

  it('removes a whole folder and nothing beside it', async () => {
    const backend = open();
    await backend.write('users/u1/x/one.txt', Buffer.from('1'));
    await backend.write('users/u1/two.txt', Buffer.from('2'));
    await backend.write('users/u10/three.txt', Buffer.from('3'));
    await backend.removeDirectory('users/u1');
    expect(await backend.exists('users/u1/x/one.txt')).toBe(false);
    expect(await backend.exists('users/u1/two.txt')).toBe(false);
    expect(await backend.exists('users/u10/three.txt')).toBe(true);
  });

  it('passes its connection test', async () => {
    await expect(open().test()).resolves.toBeUndefined();
  });
});

describe('s3 backend', () => {
  it('keeps its objects under the path prefix', async () => {
    await new S3FileBackend(s3.settings('parley-backend-test', 'one')).write('same/key.txt', Buffer.from('in one'));
    const other = new S3FileBackend(s3.settings('parley-backend-test', 'two'));
    expect(await other.exists('same/key.txt')).toBe(false);
    expect((await new S3FileBackend(s3.settings('parley-backend-test', 'one')).readBuffer('same/key.txt')).toString()).toBe('in one');
  });

  it('creates a missing bucket in its connection test, and fails against a server that is not there', async () => {
    const fresh = new S3FileBackend(s3.settings('parley-created-bucket'));
    await fresh.test();
    await fresh.write('k.txt', Buffer.from('x'));
    expect(await fresh.exists('k.txt')).toBe(true);
    const nowhere = new S3FileBackend({ ...s3.settings('b'), endpoint: '127.0.0.1:1', requestTimeoutMs: 2000 });
    await expect(nowhere.test()).rejects.toThrow();
  });
});
