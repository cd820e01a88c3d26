import { notFound } from '../../model/errors.js';
import type { UserRecord } from '../../model/types.js';
import { FileNotFoundError } from '../../files/file_backend.js';
import type { Actor } from '../actor.js';
import type { AppDeps } from '../deps.js';
import type { FileStorage } from '../files/file_storage.js';
import type { Permissions } from '../permissions.js';
import type { UserService } from '../users.js';
import { defaultAvatar } from './default_avatar.js';
import { MAX_IMAGE_PIXELS, readImageSize, squarePng } from './images.js';
import { PROFILE_IMAGE_ERRORS } from './upload_errors.js';

/** Side of the stored picture, as Mattermost stores it. */
const PROFILE_SIZE = 128;

const picturePath = (userId: string): string => `users/${userId}/profile.png`;

/** A picture to send: its bytes and the ETag it goes with (undefined when a stored picture could not be read). */
export interface PictureBytes {
  png: Buffer;
  etag?: string;
}

/**
 * Profile pictures: an uploaded one, stored as a 128 px square PNG, or the generated identicon.
 * `last_picture_update` says which (0 = the identicon) and is the picture's version: clients put it in the
 * image URL and the ETag, so a change reaches every client through `user_updated`.
 */
export class ProfilePictureService {
  constructor(
    private readonly deps: AppDeps, private readonly permissions: Permissions,
    private readonly users: UserService, private readonly files: FileStorage,
  ) {}

  /** Largest upload accepted (FileSettings.MaxFileSize). */
  maxUploadBytes(): number {
    return this.deps.liveConfig.document.FileSettings.MaxFileSize;
  }

  /** Users change their own picture; anyone else's takes edit_other_users. Checked before an upload is read too. */
  requireEditable(actor: Actor, userId: string): void {
    if (actor.userId !== userId) this.permissions.requireSystem(actor, 'edit_other_users');
  }

  async set(actor: Actor, userId: string, upload: Buffer): Promise<void> {
    this.requireEditable(actor, userId);
    await this.users.get(userId);
    const size = await readImageSize(upload);
    if (!size) throw PROFILE_IMAGE_ERRORS.decode();
    if (size.width * size.height > MAX_IMAGE_PIXELS) throw PROFILE_IMAGE_ERRORS.tooManyPixels();
    const png = await squarePng(upload, PROFILE_SIZE).catch(() => {
      throw PROFILE_IMAGE_ERRORS.decode();
    });
    await this.files.backend.write(picturePath(userId), png, { contentType: 'image/png' });
    const now = Date.now();
    await this.changed(userId, now, now);
  }

  /** Back to the generated picture. */
  async reset(actor: Actor, userId: string): Promise<void> {
    this.requireEditable(actor, userId);
    await this.users.get(userId);
    await this.files.backend.remove(picturePath(userId));
    await this.changed(userId, 0, Date.now());
  }

  private async changed(userId: string, pictureAt: number, updateAt: number): Promise<void> {
    if (!(await this.deps.store.pictures.setUserPictureUpdate(userId, pictureAt, updateAt))) throw notFound('user');
    const user = await this.deps.store.users.get(userId);
    if (user) this.users.publishUpdated(user);
  }

  /**
   * The user's picture as a version (the ETag) and a way to read its bytes, so an unchanged picture costs no read.
   * Any signed-in user may see any user's picture, as before pictures could be uploaded.
   */
  async picture(userId: string): Promise<{ etag: string; load(): Promise<PictureBytes> }> {
    const user = await this.users.get(userId);
    const etag = String(user.last_picture_update);
    return { etag, load: () => this.read(user, etag) };
  }

  /** The uploaded picture, else (or when it cannot be read) the identicon, sent without an ETag. */
  private async read(user: UserRecord, etag: string): Promise<PictureBytes> {
    if (user.last_picture_update <= 0) return { png: await defaultAvatar(user.id), etag };
    try {
      return { png: await this.files.backend.readBuffer(picturePath(user.id)), etag };
    } catch (err) {
      if (!(err instanceof FileNotFoundError)) this.deps.log.warn({ err, userId: user.id }, 'profile picture unreadable');
      return { png: await defaultAvatar(user.id) };
    }
  }

  async defaultPicture(userId: string): Promise<Buffer> {
    const user = await this.users.get(userId);
    return defaultAvatar(user.id);
  }
}
