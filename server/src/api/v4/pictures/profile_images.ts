import { Type } from 'typebox';
import { PROFILE_IMAGE_ERRORS } from '../../../app/pictures/upload_errors.js';
import { authenticate } from '../../auth.js';
import type { RouteModule } from '../../context.js';
import { OK, pathId } from '../../params.js';
import { etagMatches } from './etag.js';
import { closeIfUnread, readImageUpload } from './image_upload.js';

const UserIdParams = Type.Object({ user_id: Type.String() });

/**
 * Browsers keep pictures but ask again each time (a 304 when unchanged): clients put last_picture_update in the
 * URL, but a picture fetched without it must not outlive a change.
 */
const REVALIDATE = 'private, no-cache';
/** A picture that could not be read is served briefly, as upstream, so a passing storage fault heals itself. */
const BRIEFLY = 'private, max-age=300';

/** Profile pictures: upload, reset to the generated one, and read (moved here from users.ts). */
export const profileImageRoutes: RouteModule = (api, { app }) => {
  const auth = (request: Parameters<typeof authenticate>[1]) => authenticate(app, request);

  api.post('/users/:user_id/image', {
    schema: { params: UserIdParams }, config: { audit: { action: 'user.picture.update', object: 'user_id' } }, onSend: closeIfUnread,
  }, async (request) => {
    const actor = await auth(request);
    const userId = pathId(request.params.user_id, 'user_id', actor.userId);
    app.profilePictures.requireEditable(actor, userId);
    const { image } = await readImageUpload(request, app.profilePictures.maxUploadBytes(), PROFILE_IMAGE_ERRORS);
    await app.profilePictures.set(actor, userId, image);
    return OK;
  });

  api.delete('/users/:user_id/image', {
    schema: { params: UserIdParams }, config: { audit: { action: 'user.picture.reset', object: 'user_id' } },
  }, async (request) => {
    const actor = await auth(request);
    await app.profilePictures.reset(actor, pathId(request.params.user_id, 'user_id', actor.userId));
    return OK;
  });

  api.get('/users/:user_id/image', { schema: { params: UserIdParams } }, async (request, reply) => {
    const actor = await auth(request);
    const picture = await app.profilePictures.picture(pathId(request.params.user_id, 'user_id', actor.userId));
    if (etagMatches(request.headers['if-none-match'], picture.etag)) {
      reply.header('ETag', picture.etag).header('Cache-Control', REVALIDATE);
      return reply.code(304).send();
    }
    const { png, etag } = await picture.load();
    if (etag) reply.header('ETag', etag);
    reply.header('Cache-Control', etag ? REVALIDATE : BRIEFLY);
    return reply.type('image/png').send(png);
  });

  api.get('/users/:user_id/image/default', { schema: { params: UserIdParams } }, async (request, reply) => {
    const actor = await auth(request);
    const png = await app.profilePictures.defaultPicture(pathId(request.params.user_id, 'user_id', actor.userId));
    reply.header('Cache-Control', 'private, max-age=86400');
    return reply.type('image/png').send(png);
  });
};
