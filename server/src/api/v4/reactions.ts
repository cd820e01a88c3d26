import { Type } from 'typebox';
import { badBodyParam } from '../../model/errors.js';
import { isValidId } from '../../model/id.js';
import { authenticate } from '../auth.js';
import type { RouteModule } from '../context.js';
import { OK, pathId } from '../params.js';

const Id = Type.String({ maxLength: 64 });

export const reactionRoutes: RouteModule = (api, { app }) => {
  const auth = (request: Parameters<typeof authenticate>[1]) => authenticate(app, request);

  api.post('/reactions', {
    schema: { body: Type.Object({ user_id: Id, post_id: Id, emoji_name: Type.String({ maxLength: 128 }) }) },
  }, async (request) => {
    const actor = await auth(request);
    const b = request.body;
    if (!isValidId(b.user_id)) throw badBodyParam('user_id');
    if (!isValidId(b.post_id)) throw badBodyParam('post_id');
    return app.reactions.add(actor, b);
  });

  api.delete('/users/:user_id/posts/:post_id/reactions/:emoji_name', {
    schema: { params: Type.Object({ user_id: Type.String(), post_id: Type.String(), emoji_name: Type.String({ maxLength: 128 }) }) },
  }, async (request) => {
    const actor = await auth(request);
    const p = request.params;
    await app.reactions.remove(actor, pathId(p.user_id, 'user_id', actor.userId), pathId(p.post_id, 'post_id'), p.emoji_name);
    return OK;
  });

  api.get('/posts/:post_id/reactions', { schema: { params: Type.Object({ post_id: Type.String() }) } }, async (request) => {
    const actor = await auth(request);
    return app.reactions.listForPost(actor, pathId(request.params.post_id, 'post_id'));
  });

  api.post('/posts/ids/reactions', { schema: { body: Type.Array(Id, { maxItems: 200 }) } }, async (request) => {
    const actor = await auth(request);
    if (!request.body.every(isValidId)) throw badBodyParam('post_ids');
    return app.reactions.listForPosts(actor, request.body);
  });
};
