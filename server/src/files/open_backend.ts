import type { OpenFileBackend } from './file_backend.js';
import { LocalFileBackend } from './local_backend.js';

/** The backend FileSettings.DriverName chooses. */
export const openFileBackend: OpenFileBackend = (settings) => {
  if (settings.driver === 'amazons3') throw new Error('the amazons3 file driver is not available yet');
  return new LocalFileBackend(settings.directory);
};
