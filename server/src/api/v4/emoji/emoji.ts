import { Type } from 'typebox';
import { MAX_EMOJI_UPLOAD_BYTES } from '../../../app/emoji/custom_emoji.js';
import { AppError, badBodyParam, badParam, badUrlParam } from '../../../model/errors.js';
import { parseUntrustedJson } from '../../../model/safe_json.js';
import { authenticate } from '../../auth.js';
import type { RouteModule } from '../../context.js';
import { boolParam, OK, paging, pathId, stringParam } from '../../params.js';
import { closeIfUnread, readImageUpload } from '../pictures/image_upload.js';

const EmojiParams = Type.Object({ emoji_id: Type.String() });
const NameParams = Type.Object({ emoji_name: Type.String({ maxLength: 64 }) });
const SearchBody = Type.Object({ term: Type.String({ maxLength: 64 }), prefix_only: Type.Optional(Type.Boolean()) });
/** Names asked for at once (Mattermost's GetEmojisByNamesMax). */
const MAX_NAMES = 200;
const NamesBody = Type.Array(Type.String({ maxLength: 64 }), { maxItems: 1000 });

const UPLOAD_ERRORS = {
  tooLarge: () => new AppError('api.emoji.create.too_large.app_error', 'Unable to create emoji. Image must be less than 512 KiB in size.', 413),
  parse: () => new AppError('api.emoji.create.parse.app_error', 'Unable to create emoji. Could not understand the request.', 400),
  noFile: () => badBodyParam('image'),
};

/** The `emoji` form field: `{name, creator_id}` as JSON. */
function emojiField(value: string | undefined): { name: string; creator_id: string } {
  if (value === undefined) throw badParam('emoji');
  let parsed: unknown;
  try {
    parsed = parseUntrustedJson(value);
  } catch {
    throw badParam('emoji');
  }
  if (typeof parsed !== 'object' || parsed === null) throw badParam('emoji');
  const { name, creator_id: creatorId } = parsed as Record<string, unknown>;
  if (typeof name !== 'string' || typeof creatorId !== 'string') throw badParam('emoji');
  return { name, creator_id: creatorId };
}

/** Custom emoji: /emoji and its subresources. */
export const emojiRoutes: RouteModule = (api, { app }) => {
  const auth = (request: Parameters<typeof authenticate>[1]) => authenticate(app, request);

  api.post('/emoji', { config: { audit: { action: 'emoji.create' } }, onSend: closeIfUnread }, async (request) => {
    const actor = await auth(request);
    await app.customEmoji.requireCreatable(actor);
    const { image, fields } = await readImageUpload(request, MAX_EMOJI_UPLOAD_BYTES, UPLOAD_ERRORS);
    const emoji = await app.customEmoji.create(actor, emojiField(fields.get('emoji')), image);
    return emoji;
  });

  api.get('/emoji', async (request) => {
    await auth(request);
    const q = request.query as Record<string, unknown>;
    const sort = stringParam(q, 'sort', 16) ?? '';
    if (sort !== '' && sort !== 'name') throw badUrlParam('sort');
    const { offset, perPage } = paging(q);
    return app.customEmoji.list({ offset, limit: perPage, sort: sort === 'name' ? 'name' : 'create_at' });
  });

  api.post('/emoji/search', { schema: { body: SearchBody } }, async (request) => {
    await auth(request);
    if (request.body.term === '') throw badParam('term');
    return app.customEmoji.search(request.body.term, request.body.prefix_only ?? false);
  });

  api.get('/emoji/autocomplete', async (request) => {
    await auth(request);
    const name = stringParam(request.query as Record<string, unknown>, 'name', 64);
    if (!name) throw badUrlParam('name');
    return app.customEmoji.autocomplete(name);
  });

  api.post('/emoji/names', { schema: { body: NamesBody } }, async (request) => {
    await auth(request);
    if (request.body.length === 0) throw badParam('names');
    if (request.body.length > MAX_NAMES) {
      throw new AppError('api.emoji.get_multiple_by_name_too_many.request_error', `Unable to get that many emoji: ask for at most ${MAX_NAMES}.`, 400);
    }
    return app.customEmoji.getByNames(request.body);
  });

  api.get('/emoji/name/:emoji_name', { schema: { params: NameParams } }, async (request) => {
    await auth(request);
    return app.customEmoji.getByName(request.params.emoji_name);
  });

  api.get('/emoji/:emoji_id', { schema: { params: EmojiParams } }, async (request) => {
    await auth(request);
    return app.customEmoji.get(pathId(request.params.emoji_id, 'emoji_id'));
  });

  api.get('/emoji/:emoji_id/image', { schema: { params: EmojiParams } }, async (request, reply) => {
    await auth(request);
    const { bytes, contentType } = await app.customEmoji.image(pathId(request.params.emoji_id, 'emoji_id'));
    // An emoji's image never changes (a new image is a new emoji), so it is kept for a month, as upstream.
    reply.header('Cache-Control', 'private, max-age=2592000');
    return reply.type(contentType).send(bytes);
  });

  api.delete('/emoji/:emoji_id', {
    schema: { params: EmojiParams }, config: { audit: { action: 'emoji.delete', object: 'emoji_id' } },
  }, async (request) => {
    const actor = await auth(request);
    await app.customEmoji.delete(actor, pathId(request.params.emoji_id, 'emoji_id'));
    return OK;
  });
};
