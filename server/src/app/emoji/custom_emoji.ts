import type { CustomEmoji } from '@mattermost/types/emojis';
import { AppError, forbidden } from '../../model/errors.js';
import { makeEvent } from '../../model/events.js';
import { newId } from '../../model/id.js';
import { FileNotFoundError } from '../../files/file_backend.js';
import type { EmojiRecord, EmojiSort } from '../../store/emoji/emoji.js';
import type { Actor } from '../actor.js';
import type { AppDeps } from '../deps.js';
import type { FileStorage } from '../files/file_storage.js';
import type { Permissions } from '../permissions.js';
import { fitWithin, readImageSize, sniffImageFormat } from '../pictures/images.js';
import { validateCustomEmojiName } from './emoji_names.js';

/** Mattermost's limits: the upload, the largest original accepted, and the size it is scaled to fit. */
export const MAX_EMOJI_UPLOAD_BYTES = 512 * 1024;
const MAX_ORIGINAL_SIDE = 1028;
const MAX_SIDE = 128;
/** Results of search and autocomplete (Mattermost's page maximum and autocomplete limit). */
const SEARCH_LIMIT = 200;
const AUTOCOMPLETE_LIMIT = 100;

const imagePath = (id: string): string => `emoji/${id}/image`;

const disabled = (): AppError => new AppError('api.emoji.disabled.app_error', 'Custom emoji have been disabled by the system admin.', 501);
const noEmoji = (): AppError => new AppError('app.emoji.get.no_result', 'Unable to find the emoji.', 404);
const noEmojiNamed = (): AppError => new AppError('app.emoji.get_by_name.no_result', 'Unable to find the emoji.', 404);
const duplicate = (): AppError => new AppError('api.emoji.create.duplicate.app_error', 'Unable to create emoji. Another emoji with the same name already exists.', 400);
const notAnImage = (): AppError => new AppError('api.emoji.upload.image.app_error', 'Unable to create emoji. File must be a PNG, JPEG, GIF or WebP image.', 400);

export const presentEmoji = (e: EmojiRecord): CustomEmoji => ({
  id: e.id, create_at: e.create_at, update_at: e.update_at, delete_at: e.delete_at, creator_id: e.creator_id, name: e.name, category: 'custom',
});

/**
 * Custom emoji (ServiceSettings.EnableCustomEmoji): a name and an image of at most 128 x 128 pixels, stored at
 * `emoji/{id}/image`. Anyone signed in may read them; creating and deleting take the emoji permissions, granted
 * by the system role or by the role in any of the caller's teams, as upstream.
 */
export class CustomEmojiService {
  constructor(private readonly deps: AppDeps, private readonly permissions: Permissions, private readonly files: FileStorage) {}

  private requireEnabled(): void {
    if (!this.deps.liveConfig.document.ServiceSettings.EnableCustomEmoji) throw disabled();
  }

  private async hasAnywhere(actor: Actor, permission: string): Promise<boolean> {
    if (this.permissions.hasSystem(actor, permission)) return true;
    for (const member of await this.deps.store.teams.listMembersForUser(actor.userId)) {
      if (member.delete_at === 0 && (await this.permissions.hasTeam(actor, member.team_id, permission))) return true;
    }
    return false;
  }

  /** Custom emoji are on and the caller may create them. Checked before an upload is read too. */
  async requireCreatable(actor: Actor): Promise<void> {
    this.requireEnabled();
    if (!(await this.hasAnywhere(actor, 'create_emojis'))) throw forbidden();
  }

  async create(actor: Actor, input: { name: string; creator_id: string }, upload: Buffer): Promise<CustomEmoji> {
    await this.requireCreatable(actor);
    validateCustomEmojiName(input.name);
    if (input.creator_id !== actor.userId) {
      throw new AppError('api.emoji.create.other_user.app_error', 'Invalid user id: an emoji is created by the caller.', 403);
    }
    if (await this.deps.store.emoji.getByName(input.name)) throw duplicate();
    const image = await this.fitted(upload);
    const now = Date.now();
    const emoji: EmojiRecord = { id: newId(), create_at: now, update_at: now, delete_at: 0, creator_id: actor.userId, name: input.name };
    await this.files.backend.write(imagePath(emoji.id), image);
    // A racing create of the same name wins the unique index; its loser leaves no image behind.
    if (!(await this.deps.store.emoji.create(emoji))) {
      await this.files.backend.remove(imagePath(emoji.id));
      throw duplicate();
    }
    const view = presentEmoji(emoji);
    this.deps.bus.publish(makeEvent('emoji_added', { emoji: JSON.stringify(view) }, {}));
    return view;
  }

  /** The upload as stored: kept as sent when it fits 128 x 128 (an animated GIF stays animated), else scaled down. */
  private async fitted(upload: Buffer): Promise<Buffer> {
    const size = await readImageSize(upload);
    if (!size) throw notAnImage();
    if (size.width > MAX_ORIGINAL_SIDE || size.height > MAX_ORIGINAL_SIDE) {
      throw new AppError('api.emoji.upload.large_image.too_large.app_error',
        `Unable to create emoji. Image must be at most ${MAX_ORIGINAL_SIDE} by ${MAX_ORIGINAL_SIDE} pixels.`, 400);
    }
    if (size.width <= MAX_SIDE && size.height <= MAX_SIDE) return upload;
    return fitWithin(upload, size.format, MAX_SIDE).catch(() => {
      throw new AppError('api.emoji.upload.large_image.decode_error', 'Unable to create emoji. The image could not be decoded.', 400);
    });
  }

  async list(o: { offset: number; limit: number; sort: EmojiSort }): Promise<CustomEmoji[]> {
    this.requireEnabled();
    return (await this.deps.store.emoji.list(o)).map(presentEmoji);
  }

  async get(id: string): Promise<CustomEmoji> {
    this.requireEnabled();
    const emoji = await this.deps.store.emoji.get(id);
    if (!emoji) throw noEmoji();
    return presentEmoji(emoji);
  }

  async getByName(name: string): Promise<CustomEmoji> {
    this.requireEnabled();
    const emoji = await this.deps.store.emoji.getByName(name);
    if (!emoji) throw noEmojiNamed();
    return presentEmoji(emoji);
  }

  /** The live emoji among the names; unknown names are left out. */
  async getByNames(names: readonly string[]): Promise<CustomEmoji[]> {
    this.requireEnabled();
    return (await this.deps.store.emoji.getByNames([...new Set(names)])).map(presentEmoji);
  }

  async search(term: string, prefixOnly: boolean): Promise<CustomEmoji[]> {
    this.requireEnabled();
    return (await this.deps.store.emoji.search(term, { prefixOnly, limit: SEARCH_LIMIT })).map(presentEmoji);
  }

  async autocomplete(name: string): Promise<CustomEmoji[]> {
    this.requireEnabled();
    return (await this.deps.store.emoji.search(name, { prefixOnly: true, limit: AUTOCOMPLETE_LIMIT })).map(presentEmoji);
  }

  async image(id: string): Promise<{ bytes: Buffer; contentType: string }> {
    this.requireEnabled();
    if (!(await this.deps.store.emoji.get(id))) throw noEmoji();
    try {
      const bytes = await this.files.backend.readBuffer(imagePath(id));
      return { bytes, contentType: `image/${sniffImageFormat(bytes) ?? 'png'}` };
    } catch (err) {
      if (err instanceof FileNotFoundError) throw new AppError('api.emoji.get_image.read.app_error', 'Unable to read the emoji image file.', 404);
      throw err;
    }
  }

  /** Creators delete their own with `delete_emojis`; anyone else's takes `delete_others_emojis` too. */
  async delete(actor: Actor, id: string): Promise<void> {
    this.requireEnabled();
    const emoji = await this.deps.store.emoji.get(id);
    if (!emoji) throw noEmoji();
    if (!(await this.hasAnywhere(actor, 'delete_emojis'))) throw forbidden();
    if (emoji.creator_id !== actor.userId && !(await this.hasAnywhere(actor, 'delete_others_emojis'))) throw forbidden();
    const now = Date.now();
    // As Mattermost does, the emoji's reactions go with it: nobody could add them again, and they would show as text.
    const deleted = await this.deps.store.transaction(async (tx) => {
      if (!(await tx.emoji.delete(id, now))) return false;
      await tx.reactions.removeAllNamed(emoji.name, now);
      return true;
    });
    if (!deleted) throw noEmoji();
    await this.files.backend.remove(imagePath(id));
  }
}
