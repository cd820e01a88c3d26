import path from 'node:path';
import type { FileBackend, FileBackendSettings } from '../../files/file_backend.js';
import type { AppDeps } from '../deps.js';

/**
 * The file backend FileSettings name now. Built once per distinct setting, so
 * an administrator's change to the driver or the bucket takes effect on the
 * next upload without a restart.
 */
export class FileStorage {
  private current: { key: string; backend: FileBackend } | undefined;

  constructor(private readonly deps: Pick<AppDeps, 'liveConfig' | 'config' | 'openFileBackend'>) {}

  get backend(): FileBackend {
    const settings = this.settings();
    const key = JSON.stringify(settings);
    if (this.current?.key !== key) this.current = { key, backend: this.deps.openFileBackend(settings) };
    return this.current.backend;
  }

  /** FileSettings as the backends take them; a relative Directory is read inside the data folder. */
  settings(): FileBackendSettings {
    return this.settingsFrom(this.deps.liveConfig.document.FileSettings);
  }

  /** Given FileSettings (the saved ones, or a form's to test) as the backends take them. */
  settingsFrom(files: AppDeps['liveConfig']['document']['FileSettings']): FileBackendSettings {
    const directory = files.Directory && files.Directory !== './data/' ? files.Directory : path.join(this.deps.config.dataDir, 'files');
    return {
      driver: files.DriverName === 'amazons3' ? 'amazons3' : 'local',
      directory: path.isAbsolute(directory) ? directory : path.resolve(this.deps.config.dataDir, directory),
      s3: {
        accessKeyId: files.AmazonS3AccessKeyId, secretAccessKey: files.AmazonS3SecretAccessKey, bucket: files.AmazonS3Bucket,
        pathPrefix: files.AmazonS3PathPrefix, region: files.AmazonS3Region, endpoint: files.AmazonS3Endpoint, ssl: files.AmazonS3SSL,
        sse: files.AmazonS3SSE, requestTimeoutMs: files.AmazonS3RequestTimeoutMilliseconds,
        uploadPartSizeBytes: files.AmazonS3UploadPartSizeBytes, storageClass: files.AmazonS3StorageClass ?? '',
      },
    };
  }
}
