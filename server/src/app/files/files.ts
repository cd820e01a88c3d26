import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import path from 'node:path';
import type { Readable } from 'node:stream';
import mime from 'mime-types';
import { FileNotFoundError, FileTooLargeError, type ByteRange } from '../../files/file_backend.js';
import { AppError, forbidden } from '../../model/errors.js';
import { newId } from '../../model/id.js';
import type { FileInfoRecord } from '../../store/files/file_infos.js';
import type { Store } from '../../store/store.js';
import { isSystemAdmin, type Actor } from '../actor.js';
import type { AppDeps } from '../deps.js';
import type { Permissions } from '../permissions.js';
import type { FileStorage } from './file_storage.js';
import { imagePreviews, isPreviewable, MAX_PREVIEWED_IMAGE_BYTES } from './image_previews.js';
import { testS3Connection } from './s3_connection_test.js';

/** Mattermost keeps uploads of the web API under this team folder name. */
const NO_TEAM = 'noteam';
/** Longest file name kept (Mattermost's FileInfo name column). */
const MAX_NAME_LENGTH = 256;

export const attachmentsDisabled = (): AppError =>
  new AppError('api.file.attachments.disabled.app_error', 'File attachments have been disabled on this server.', 403);
export const fileTooLarge = (limit: number): AppError =>
  new AppError('api.file.upload_file.too_large_detailed.app_error', `Unable to upload file. File is larger than ${limit} bytes.`, 413);
const fileMissing = (): AppError => new AppError('app.file_info.get.app_error', 'Unable to find the file.', 404);
const publicLinksDisabled = (): AppError => new AppError('api.file.get_public_link.disabled.app_error', 'Public links have been disabled.', 403);
const badPublicHash = (): AppError => new AppError('api.file.get_file.public_invalid.app_error', 'The public link does not appear to be valid.', 400);

/** An uploaded file as the app hands it to the edge (which presents it with presentFileInfo). */
export type StoredFile = FileInfoRecord;

/** Which stored rendition a read asks for. */
export type FileRendition = 'file' | 'thumbnail' | 'preview';

/** A stored file ready to be sent: its info, the bytes and the type to send them as. */
export interface OpenedFile {
  info: FileInfoRecord;
  body: Readable;
  contentType: string;
  /** The whole file's bytes; known only for the original. */
  size?: number;
  /** The part of the original sent, when a range was asked for. */
  range?: ByteRange;
}

/** Picks the part of a file of `size` bytes to send (an HTTP Range), or the whole when undefined. */
export type RangeChoice = (size: number) => ByteRange | undefined;

/** The name as given, without folders, control characters or surrounding spaces; never empty. */
export function cleanFileName(raw: string): string {
  // Browsers on Windows send the whole path; Mattermost keeps the last part.
  const base = raw.split(/[\\/]/).pop() ?? '';
  const name = [...base.replace(/\p{Cc}/gu, '').trim()].slice(0, MAX_NAME_LENGTH).join('');
  return name === '' || name === '.' || name === '..' ? 'file' : name;
}

/** The name as a storage key segment: letters, digits and a few marks; the name itself is kept in the row. */
const keySegment = (name: string): string => name.replace(/[^\p{L}\p{N}._-]+/gu, '_').replace(/^\.+/, '_').slice(0, 200) || 'file';

const datePrefix = (time: number): string => new Date(time).toISOString().slice(0, 10).replace(/-/g, '');

/**
 * Uploads and reads of files. Bytes stream to the backend FileSettings name and are never held whole; images get
 * Mattermost's thumbnail, preview and mini preview. Every read checks the caller may see the file's channel: its
 * uploader, while no post holds it, or a member of the channel.
 */
export class FileService {
  constructor(
    private readonly deps: AppDeps, private readonly permissions: Permissions, private readonly storage: FileStorage,
    /** Saves a generated FileSettings.PublicLinkSalt into the config document (every node then signs alike). */
    private readonly saveSalt: (salt: string) => Promise<void>,
  ) {}

  private get store(): Store {
    return this.deps.store;
  }

  private get settings(): AppDeps['liveConfig']['document']['FileSettings'] {
    return this.deps.liveConfig.document.FileSettings;
  }

  /** The most bytes one file may have. */
  get maxFileSize(): number {
    return this.settings.MaxFileSize;
  }

  /** Refuses when uploads are off or the caller may not upload into the channel. */
  async requireUpload(actor: Actor, channelId: string): Promise<void> {
    if (!this.settings.EnableFileAttachments) throw attachmentsDisabled();
    const [channel, member] = await Promise.all([this.store.channels.get(channelId), this.store.channels.getMember(channelId, actor.userId)]);
    // Unknown and unreadable channels answer alike, so an id reveals nothing.
    if (!channel || !member) throw forbidden();
    if (channel.delete_at > 0 || !(await this.permissions.hasChannelAs(actor, channel, member, 'upload_file'))) throw forbidden();
  }

  /**
   * Stores one file into the channel (after requireUpload): streams it to the backend, makes the previews of an
   * image, then writes its row. On any failure (too large, body cut off) nothing of it is left.
   */
  async upload(actor: Actor, channelId: string, rawName: string, body: Readable | Buffer): Promise<FileInfoRecord> {
    const backend = this.storage.backend;
    const now = Date.now();
    const id = newId();
    const name = cleanFileName(rawName);
    const extension = path.extname(name).slice(1).toLowerCase().slice(0, 64);
    const mimeType = mime.lookup(name) || 'application/octet-stream';
    const folder = `${datePrefix(now)}/teams/${NO_TEAM}/channels/${channelId}/users/${actor.userId}/${id}`;
    const key = keySegment(name);
    const info: FileInfoRecord = {
      id, creator_id: actor.userId, post_id: '', channel_id: channelId, create_at: now, update_at: now, delete_at: 0,
      path: `${folder}/${key}`, thumbnail_path: '', preview_path: '', name, extension, size: 0, mime_type: mimeType,
      width: 0, height: 0, has_preview_image: false, mini_preview: '', remote_id: '', archived: false,
    };
    const limit = this.maxFileSize;
    try {
      info.size = await backend.write(info.path, body, { maxBytes: limit, contentType: mimeType });
    } catch (err) {
      if (err instanceof FileTooLargeError) throw fileTooLarge(limit);
      throw err;
    }
    try {
      if (isPreviewable(extension) && info.size <= MAX_PREVIEWED_IMAGE_BYTES) await this.addPreviews(info, folder, key);
      await this.store.fileInfos.create(info);
    } catch (err) {
      await backend.removeDirectory(folder).catch(() => undefined);
      throw err;
    }
    return info;
  }

  private async addPreviews(info: FileInfoRecord, folder: string, key: string): Promise<void> {
    const backend = this.storage.backend;
    const previews = await imagePreviews(() => backend.readBuffer(info.path), this.settings.MaxImageResolution);
    if (!previews) return;
    info.width = previews.width;
    info.height = previews.height;
    if (!previews.thumbnail || !previews.preview) return;
    const stem = path.parse(key).name;
    info.thumbnail_path = `${folder}/${stem}_thumb.jpg`;
    info.preview_path = `${folder}/${stem}_preview.jpg`;
    await backend.write(info.thumbnail_path, previews.thumbnail, { contentType: 'image/jpeg' });
    await backend.write(info.preview_path, previews.preview, { contentType: 'image/jpeg' });
    info.has_preview_image = true;
    info.mini_preview = previews.miniPreview ?? '';
  }

  /** Removes files a failed request had stored (their rows and bytes). */
  async discard(infos: readonly FileInfoRecord[]): Promise<void> {
    if (infos.length === 0) return;
    await this.store.fileInfos.purge(infos.map((i) => i.id));
    const backend = this.storage.backend;
    await Promise.all(infos.map((i) => backend.removeDirectory(path.posix.dirname(i.path)).catch(() => undefined)));
  }

  /**
   * The file when the caller may see it: a file on a post in a channel they are a member of, or their own upload
   * no post holds yet (system admins see all). Deleted files (their post was deleted) are gone: 404.
   */
  async readable(actor: Actor, fileId: string): Promise<FileInfoRecord> {
    const info = await this.store.fileInfos.get(fileId);
    if (!info || info.delete_at > 0) throw fileMissing();
    if (isSystemAdmin(actor)) return info;
    if (info.post_id === '') {
      if (info.creator_id === actor.userId) return info;
      throw forbidden();
    }
    const member = await this.store.channels.getMember(info.channel_id, actor.userId);
    if (!member) throw forbidden();
    return info;
  }

  /** The info as clients see it (Mattermost's FileInfo), after the same check as the bytes. */
  info(actor: Actor, fileId: string): Promise<FileInfoRecord> {
    return this.readable(actor, fileId);
  }

  /** The bytes of a rendition; `chooseRange` may pick part of the original (thumbnails and previews come whole). */
  async open(actor: Actor, fileId: string, rendition: FileRendition, chooseRange?: RangeChoice): Promise<OpenedFile> {
    return this.openInfo(await this.readable(actor, fileId), rendition, chooseRange);
  }

  private async openInfo(info: FileInfoRecord, rendition: FileRendition, chooseRange?: RangeChoice): Promise<OpenedFile> {
    const stored = rendition === 'file' ? info.path : rendition === 'thumbnail' ? info.thumbnail_path : info.preview_path;
    if (stored === '') {
      throw rendition === 'thumbnail'
        ? new AppError('api.file.get_file_thumbnail.no_thumbnail.app_error', 'File doesn\'t have a thumbnail image.', 400)
        : new AppError('api.file.get_file_preview.no_preview.app_error', 'File doesn\'t have a preview image.', 400);
    }
    const range = rendition === 'file' ? chooseRange?.(info.size) : undefined;
    try {
      const body = await this.storage.backend.read(stored, range);
      return rendition === 'file'
        ? { info, body, contentType: info.mime_type, size: info.size, ...(range ? { range } : {}) }
        : { info, body, contentType: 'image/jpeg' };
    } catch (err) {
      if (err instanceof FileNotFoundError) throw fileMissing();
      throw err;
    }
  }

  /** `{link}` to the file for anyone who has it (FileSettings.EnablePublicLink), for files on posts. */
  /** `requestOrigin` (scheme and host the client used) stands in when SiteURL is not set, as Mattermost does. */
  async publicLink(actor: Actor, fileId: string, requestOrigin: string): Promise<{ link: string }> {
    if (!this.settings.EnablePublicLink) throw publicLinksDisabled();
    const info = await this.readable(actor, fileId);
    if (info.post_id === '') throw new AppError('api.file.get_public_link.no_post.app_error', 'Unable to get a public link for a file that is not attached to a post.', 400);
    const siteUrl = (this.deps.config.siteUrl || requestOrigin).replace(/\/+$/, '');
    return { link: `${siteUrl}/files/${info.id}/public?h=${await this.publicHash(info.id)}` };
  }

  /** The file a public link names, when public links are on and the hash is the one this server signs. */
  async openPublic(fileId: string, hash: string, chooseRange?: RangeChoice): Promise<OpenedFile> {
    if (!this.settings.EnablePublicLink) throw publicLinksDisabled();
    const info = await this.store.fileInfos.get(fileId);
    if (!info || info.delete_at > 0 || info.post_id === '') throw fileMissing();
    const expected = Buffer.from(await this.publicHash(info.id));
    const given = Buffer.from(hash);
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) throw badPublicHash();
    return this.openInfo(info, 'file', chooseRange);
  }

  private async publicHash(fileId: string): Promise<string> {
    return createHmac('sha256', await this.salt()).update(fileId).digest('base64url');
  }

  /** Tests the S3 settings of a config document (the console's form) against their bucket. */
  testS3(actor: Actor, document: Record<string, unknown>): Promise<void> {
    return testS3Connection(this.deps, this.permissions, this.storage, actor, document);
  }

  /** FileSettings.PublicLinkSalt, generated and saved the first time a link needs one (Mattermost does so at start). */
  private async salt(): Promise<string> {
    const current = this.settings.PublicLinkSalt;
    if (current) return current;
    await this.saveSalt(randomBytes(24).toString('base64url'));
    return this.settings.PublicLinkSalt;
  }
}
