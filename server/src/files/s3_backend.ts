import { Readable } from 'node:stream';
import { randomBytes } from 'node:crypto';
import {
  CreateBucketCommand, DeleteObjectCommand, DeleteObjectsCommand, GetObjectCommand, HeadBucketCommand, HeadObjectCommand,
  ListObjectsV2Command, S3Client, S3ServiceException, type BucketLocationConstraint, type StorageClass,
} from '@aws-sdk/client-s3';
import { Upload } from '@aws-sdk/lib-storage';
import { ByteLimit } from './byte_limit.js';
import { FileNotFoundError, type ByteRange, type FileBackend, type FileBackendSettings } from './file_backend.js';

/** S3's smallest multipart part; Mattermost's default part size too. */
const MIN_PART_BYTES = 5 * 1024 * 1024;
/** Parts of one upload in flight at once: memory per upload is at most this many parts. */
const PARTS_IN_FLIGHT = 2;

const missing = (err: unknown): boolean =>
  err instanceof S3ServiceException && (err.name === 'NoSuchKey' || err.name === 'NotFound' || err.$metadata.httpStatusCode === 404);

/** Amazon's own endpoints take virtual-hosted buckets; anything else (MinIO, s3rver, Ceph) is addressed by path. */
const isAmazon = (endpoint: string): boolean => /(^|\.)amazonaws\.com(:\d+)?$/i.test(endpoint);

/**
 * Files in an S3-compatible bucket (FileSettings.DriverName `amazons3`), under the bucket's path prefix. Writes
 * stream through lib-storage's multipart upload, so an upload holds at most a few parts in memory whatever its size;
 * a write that fails or passes its limit is aborted (its parts discarded) and leaves no object.
 */
export class S3FileBackend implements FileBackend {
  private readonly client: S3Client;
  private readonly bucket: string;
  private readonly prefix: string;

  constructor(private readonly settings: FileBackendSettings['s3']) {
    const endpoint = settings.endpoint || 's3.amazonaws.com';
    this.client = new S3Client({
      region: settings.region || 'us-east-1',
      endpoint: `${settings.ssl ? 'https' : 'http'}://${endpoint}`,
      forcePathStyle: !isAmazon(endpoint),
      // Empty keys: the SDK's default chain (environment, instance role), as Mattermost falls back to IAM.
      ...(settings.accessKeyId ? { credentials: { accessKeyId: settings.accessKeyId, secretAccessKey: settings.secretAccessKey } } : {}),
      requestHandler: { requestTimeout: settings.requestTimeoutMs, connectionTimeout: Math.min(settings.requestTimeoutMs, 10_000) },
      maxAttempts: 3,
    });
    this.bucket = settings.bucket;
    this.prefix = settings.pathPrefix.replace(/^\/+|\/+$/g, '');
  }

  private key(path: string): string {
    return this.prefix ? `${this.prefix}/${path}` : path;
  }

  async write(path: string, body: Readable | Buffer, options: { maxBytes?: number; contentType?: string } = {}): Promise<number> {
    const limit = new ByteLimit(options.maxBytes ?? Number.POSITIVE_INFINITY);
    const source = Buffer.isBuffer(body) ? Readable.from([body]) : body;
    // The body's own failure (too large, client gone) is the reason to report, not what the aborted upload says.
    let bodyError: unknown;
    const fail = (err: unknown): void => {
      bodyError ??= err;
    };
    limit.once('error', fail);
    source.once('error', (err) => {
      fail(err);
      limit.destroy(err);
    });
    source.pipe(limit);
    const upload = new Upload({
      client: this.client,
      queueSize: PARTS_IN_FLIGHT,
      partSize: Math.max(MIN_PART_BYTES, this.settings.uploadPartSizeBytes),
      leavePartsOnError: false,
      params: {
        Bucket: this.bucket, Key: this.key(path), Body: limit, ContentType: options.contentType || 'application/octet-stream',
        ...(this.settings.sse ? { ServerSideEncryption: 'AES256' as const } : {}),
        ...(this.settings.storageClass ? { StorageClass: this.settings.storageClass as StorageClass } : {}),
      },
    });
    // An object appears only when its upload completes, which a failed body never lets happen: nothing is left,
    // and an object already at the key stays as it was.
    try {
      await upload.done();
    } catch (err) {
      source.unpipe(limit);
      limit.destroy();
      throw bodyError ?? err;
    }
    if (bodyError) throw bodyError;
    return limit.bytes;
  }

  async read(path: string, range?: ByteRange): Promise<Readable> {
    try {
      const result = await this.client.send(new GetObjectCommand({
        Bucket: this.bucket, Key: this.key(path), ...(range ? { Range: `bytes=${range.start}-${range.end}` } : {}),
      }));
      if (!(result.Body instanceof Readable)) throw new Error('S3 returned no stream body');
      return result.Body;
    } catch (err) {
      if (missing(err)) throw new FileNotFoundError(path);
      throw err;
    }
  }

  async readBuffer(path: string): Promise<Buffer> {
    const chunks: Buffer[] = [];
    for await (const chunk of await this.read(path)) chunks.push(chunk as Buffer);
    return Buffer.concat(chunks);
  }

  async exists(path: string): Promise<boolean> {
    try {
      await this.client.send(new HeadObjectCommand({ Bucket: this.bucket, Key: this.key(path) }));
      return true;
    } catch (err) {
      if (missing(err)) return false;
      throw err;
    }
  }

  async remove(path: string): Promise<void> {
    await this.client.send(new DeleteObjectCommand({ Bucket: this.bucket, Key: this.key(path) }));
  }

  async removeDirectory(prefix: string): Promise<void> {
    const folder = `${this.key(prefix).replace(/\/+$/, '')}/`;
    let token: string | undefined;
    do {
      const page = await this.client.send(new ListObjectsV2Command({ Bucket: this.bucket, Prefix: folder, ContinuationToken: token }));
      const keys = (page.Contents ?? []).flatMap((o) => (o.Key ? [{ Key: o.Key }] : []));
      if (keys.length > 0) await this.client.send(new DeleteObjectsCommand({ Bucket: this.bucket, Delete: { Objects: keys, Quiet: true } }));
      token = page.IsTruncated ? page.NextContinuationToken : undefined;
    } while (token);
  }

  /** The bucket answers (and is created when missing, as Mattermost's connection test does), and takes a write. */
  async test(): Promise<void> {
    try {
      await this.client.send(new HeadBucketCommand({ Bucket: this.bucket }));
    } catch (err) {
      if (!missing(err)) throw err;
      const region = this.settings.region;
      // us-east-1 is the one region S3 refuses to be named as a location.
      const location = region && region !== 'us-east-1' ? { CreateBucketConfiguration: { LocationConstraint: region as BucketLocationConstraint } } : {};
      await this.client.send(new CreateBucketCommand({ Bucket: this.bucket, ...location }));
    }
    const probe = `.parley_write_test_${randomBytes(6).toString('hex')}`;
    await this.write(probe, Buffer.from('ok'));
    await this.remove(probe);
  }
}
