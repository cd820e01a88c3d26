import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import S3rver from 's3rver';
import type { FileBackendSettings } from '../../../src/files/file_backend.js';

export interface LocalS3 {
  /** host:port, without a scheme, as FileSettings.AmazonS3Endpoint takes it. */
  endpoint: string;
  /** Where s3rver keeps the objects. */
  directory: string;
  /** FileSettings for this server and `bucket` (the backend's view of them). */
  settings(bucket: string, pathPrefix?: string): FileBackendSettings['s3'];
  close(): Promise<void>;
}

/** An S3-compatible server (s3rver) on a loopback port, storing in a temp folder, with `buckets` created. */
export async function startLocalS3(buckets: string[]): Promise<LocalS3> {
  const directory = mkdtempSync(path.join(os.tmpdir(), 'parley-s3-'));
  const server = new S3rver({ address: '127.0.0.1', port: 0, directory, silent: true, configureBuckets: buckets.map((name) => ({ name })) });
  const { port } = await server.run();
  const endpoint = `127.0.0.1:${port}`;
  return {
    endpoint,
    directory,
    settings: (bucket, pathPrefix = '') => ({
      // s3rver's fixed credentials.
      accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER', bucket, pathPrefix, region: 'us-east-1', endpoint, ssl: false, sse: false,
      requestTimeoutMs: 10_000, uploadPartSizeBytes: 5 * 1024 * 1024, storageClass: '',
    }),
    async close() {
      await server.close();
      rmSync(directory, { recursive: true, force: true });
    },
  };
}
