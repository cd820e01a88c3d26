import type { OpenFileBackend } from './file_backend.js';
import { LocalFileBackend } from './local_backend.js';
import { S3FileBackend } from './s3_backend.js';

/** The backend FileSettings.DriverName chooses. */
export const openFileBackend: OpenFileBackend = (settings) =>
  settings.driver === 'amazons3' ? new S3FileBackend(settings.s3) : new LocalFileBackend(settings.directory);
