import type { Readable } from 'node:stream';

/**
 * Where uploaded bytes live: a local folder or an S3-compatible bucket, behind
 * one interface so the app never knows which. Paths are relative, '/'-separated
 * keys (`20261203/teams/{team}/channels/{channel}/users/{user}/{file}/name.png`).
 */
export interface FileBackend {
  /**
   * Streams `body` to `path`, replacing what was there, and resolves with the
   * bytes written. When the body fails or passes `maxBytes`, nothing is left
   * at `path` and the promise rejects (with FileTooLargeError for the limit).
   */
  write(path: string, body: Readable | Buffer, options?: { maxBytes?: number; contentType?: string }): Promise<number>;
  /**
   * The stored bytes as a stream, or only `range` of them (inclusive byte offsets, within the file); FileNotFoundError
   * when absent.
   */
  read(path: string, range?: ByteRange): Promise<Readable>;
  /** The stored bytes at once, for small files (thumbnails, avatars); FileNotFoundError when absent. */
  readBuffer(path: string): Promise<Buffer>;
  exists(path: string): Promise<boolean>;
  /** Removes the file; absent is not an error. */
  remove(path: string): Promise<void>;
  /** Removes every file under the prefix (a user's or a team's folder). */
  removeDirectory(prefix: string): Promise<void>;
  /** Checks the backend is reachable and writable (the console's "Test connection"). */
  test(): Promise<void>;
}

/** Inclusive byte offsets, as HTTP ranges count them. */
export interface ByteRange {
  start: number;
  end: number;
}

/** What Mattermost's FileSettings say about where files go. */
export interface FileBackendSettings {
  driver: 'local' | 'amazons3';
  /** The local folder (DriverName local). */
  directory: string;
  s3: {
    accessKeyId: string;
    secretAccessKey: string;
    bucket: string;
    pathPrefix: string;
    region: string;
    /** host[:port], without a scheme. */
    endpoint: string;
    ssl: boolean;
    sse: boolean;
    requestTimeoutMs: number;
    uploadPartSizeBytes: number;
    storageClass: string;
  };
}

/** Builds the backend for the current settings; only the composition root knows the implementations. */
export type OpenFileBackend = (settings: FileBackendSettings) => FileBackend;

export class FileNotFoundError extends Error {
  constructor(readonly path: string) {
    super(`no stored file at ${path}`);
    this.name = 'FileNotFoundError';
  }
}

export class FileTooLargeError extends Error {
  constructor(readonly maxBytes: number) {
    super(`the upload passed the limit of ${maxBytes} bytes`);
    this.name = 'FileTooLargeError';
  }
}
