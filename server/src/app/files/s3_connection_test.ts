import { MASKED } from '../../config/document/secrets.js';
import { AppError } from '../../model/errors.js';
import type { Actor } from '../actor.js';
import type { AppDeps } from '../deps.js';
import type { Permissions } from '../permissions.js';
import type { FileStorage } from './file_storage.js';

type FileSettings = AppDeps['liveConfig']['document']['FileSettings'];

const unsupportedDriver = (): AppError =>
  new AppError('api.file.test_connection_unsupported_driver.app_error', 'Only the amazons3 file driver can be tested.', 400);
/** A 400, not upstream's 500: the settings the administrator typed are what failed. */
const connectionFailed = (reason: string): AppError =>
  new AppError('api.file.test_connection_s3.app_error', `Unable to connect to S3: ${reason}`, 400);

/**
 * The console's "Test connection" for S3 (`POST /file/s3_test`): the form's FileSettings over the saved ones (a
 * masked secret keeps the saved value), opened as a backend that must reach its bucket and take a write.
 */
export async function testS3Connection(
  deps: Pick<AppDeps, 'liveConfig' | 'openFileBackend'>, permissions: Permissions, storage: FileStorage, actor: Actor, document: Record<string, unknown>,
): Promise<void> {
  permissions.requireSystem(actor, 'test_s3');
  const saved = deps.liveConfig.document.FileSettings;
  const given = (typeof document.FileSettings === 'object' && document.FileSettings !== null ? document.FileSettings : {}) as Partial<Record<keyof FileSettings, unknown>>;
  const merged: FileSettings = { ...saved };
  for (const key of Object.keys(saved) as (keyof FileSettings)[]) {
    const value = given[key];
    if (value !== undefined && typeof value === typeof saved[key]) Object.assign(merged, { [key]: value });
  }
  if (merged.AmazonS3SecretAccessKey === MASKED) merged.AmazonS3SecretAccessKey = saved.AmazonS3SecretAccessKey;
  if (merged.DriverName !== 'amazons3') throw unsupportedDriver();
  try {
    await deps.openFileBackend(storage.settingsFrom(merged)).test();
  } catch (err) {
    throw connectionFailed(err instanceof Error ? err.message : String(err));
  }
}
