import { Type } from 'typebox';
import { badBodyParam } from '../../model/errors.js';
import { isValidId } from '../../model/id.js';
import { deletionAudit } from '../audit_hook.js';
import { authenticate } from '../auth.js';
import type { RouteModule } from '../context.js';
import { boolParam, idParam, intParam, OK, paging, pathId } from '../params.js';
import { sendPostArray, sendPostList } from '../list_bodies.js';

const PostParams = Type.Object({ post_id: Type.String() });
const ChannelParams = Type.Object({ channel_id: Type.String() });
const UserParams = Type.Object({ user_id: Type.String() });
const UserPostParams = Type.Object({ user_id: Type.String(), post_id: Type.String() });
const UserChannelParams = Type.Object({ user_id: Type.String(), channel_id: Type.String() });

// The app enforces the configured maximum post size with its own error id; this only bounds the body.
const Message = Type.String({ maxLength: 262_144 });
const FileIds = Type.Array(Type.String({ maxLength: 64 }), { maxItems: 10 });
const Props = Type.Record(Type.String({ maxLength: 256 }), Type.Unknown());
const Id = Type.String({ maxLength: 64 });

const CreateBody = Type.Object({
  channel_id: Id, message: Type.Optional(Message), root_id: Type.Optional(Id), file_ids: Type.Optional(FileIds),
  props: Type.Optional(Props), pending_post_id: Type.Optional(Type.String({ maxLength: 64 })), type: Type.Optional(Type.String({ maxLength: 64 })),
});
const PatchBody = Type.Object({
  message: Type.Optional(Message), props: Type.Optional(Props), is_pinned: Type.Optional(Type.Boolean()), file_ids: Type.Optional(FileIds),
});
const UpdateBody = Type.Object({ id: Type.Optional(Id), message: Message, props: Type.Optional(Props), file_ids: Type.Optional(FileIds) });

const MAX_TIME = Number.MAX_SAFE_INTEGER;
/** Unix seconds; the app checks it lies in the future. */
const ReminderBody = Type.Object({ target_time: Type.Integer() });

export const postRoutes: RouteModule = (api, { app }) => {
  const auth = (request: Parameters<typeof authenticate>[1]) => authenticate(app, request);

  api.post('/posts', { schema: { body: CreateBody } }, async (request, reply) => {
    const actor = await auth(request);
    const b = request.body;
    if (!isValidId(b.channel_id)) throw badBodyParam('channel_id');
    if (b.root_id && !isValidId(b.root_id)) throw badBodyParam('root_id');
    const post = await app.posts.create(actor, { ...b, message: b.message ?? '', root_id: b.root_id || undefined });
    return reply.code(201).send(post);
  });

  api.post('/posts/ephemeral', { schema: { body: Type.Object({ user_id: Id, post: Type.Object({ channel_id: Id, message: Message }) }) } }, async (request, reply) => {
    const actor = await auth(request);
    const { user_id: userId, post } = request.body;
    if (!isValidId(userId)) throw badBodyParam('user_id');
    if (!isValidId(post.channel_id)) throw badBodyParam('channel_id');
    return reply.code(201).send(await app.posts.ephemeral(actor, userId, post));
  });

  api.post('/posts/ids', { schema: { body: Type.Array(Id, { maxItems: 1000 }) } }, async (request, reply) => {
    const actor = await auth(request);
    if (!request.body.every(isValidId)) throw badBodyParam('post_ids');
    return sendPostArray(reply, await app.postLists.byIds(actor, request.body));
  });

  api.get('/posts/:post_id', { schema: { params: PostParams } }, async (request) => {
    const actor = await auth(request);
    const includeDeleted = boolParam(request.query as Record<string, unknown>, 'include_deleted');
    return app.posts.get(actor, pathId(request.params.post_id, 'post_id'), includeDeleted);
  });

  api.put('/posts/:post_id/patch', { schema: { params: PostParams, body: PatchBody } }, async (request) => {
    const actor = await auth(request);
    return app.posts.patch(actor, pathId(request.params.post_id, 'post_id'), request.body);
  });

  api.put('/posts/:post_id', { schema: { params: PostParams, body: UpdateBody } }, async (request) => {
    const actor = await auth(request);
    const id = pathId(request.params.post_id, 'post_id');
    const { id: bodyId, ...update } = request.body;
    if (bodyId && bodyId !== id) throw badBodyParam('id');
    return app.posts.patch(actor, id, update);
  });

  api.delete('/posts/:post_id', { schema: { params: PostParams }, config: { audit: deletionAudit('post') } }, async (request) => {
    const actor = await auth(request);
    await app.posts.delete(actor, pathId(request.params.post_id, 'post_id'));
    return OK;
  });

  api.get('/posts/:post_id/edit_history', { schema: { params: PostParams } }, async (request) => {
    const actor = await auth(request);
    return app.posts.editHistory(actor, pathId(request.params.post_id, 'post_id'));
  });

  api.get('/posts/:post_id/info', { schema: { params: PostParams } }, async (request) => {
    const actor = await auth(request);
    return app.posts.info(actor, pathId(request.params.post_id, 'post_id'));
  });

  api.get('/posts/:post_id/files/info', { schema: { params: PostParams } }, async (request) => {
    const actor = await auth(request);
    return app.posts.fileInfos(actor, pathId(request.params.post_id, 'post_id'));
  });

  api.get('/posts/:post_id/thread', { schema: { params: PostParams } }, async (request, reply) => {
    const actor = await auth(request);
    return sendPostList(reply, await app.postLists.thread(actor, pathId(request.params.post_id, 'post_id')));
  });

  for (const [action, pinned] of [['pin', true], ['unpin', false]] as const) {
    api.post(`/posts/:post_id/${action}`, { schema: { params: PostParams } }, async (request) => {
      const actor = await auth(request);
      await app.posts.setPinned(actor, pathId(request.params.post_id, 'post_id'), pinned);
      return OK;
    });
  }

  api.get('/channels/:channel_id/posts', { schema: { params: ChannelParams } }, async (request, reply) => {
    const actor = await auth(request);
    const q = request.query as Record<string, unknown>;
    const { page, perPage } = paging(q);
    const since = intParam(q, 'since', 0, { min: 0, max: MAX_TIME });
    return sendPostList(reply, await app.postLists.channelPosts(actor, pathId(request.params.channel_id, 'channel_id'), {
      page, perPage, before: idParam(q, 'before'), after: idParam(q, 'after'), since: since > 0 ? since : undefined,
      includeDeleted: boolParam(q, 'include_deleted'), collapsedThreads: boolParam(q, 'collapsedThreads'),
    }));
  });

  api.get('/channels/:channel_id/pinned', { schema: { params: ChannelParams } }, async (request, reply) => {
    const actor = await auth(request);
    return sendPostList(reply, await app.postLists.pinned(actor, pathId(request.params.channel_id, 'channel_id')));
  });

  api.get('/users/:user_id/channels/:channel_id/posts/unread', { schema: { params: UserChannelParams } }, async (request, reply) => {
    const actor = await auth(request);
    const q = request.query as Record<string, unknown>;
    const limitAfter = intParam(q, 'limit_after', 60, { min: 1, max: 200 });
    const limitBefore = intParam(q, 'limit_before', 60, { min: 0, max: 200 });
    return sendPostList(reply, await app.postLists.aroundLastUnread(actor, pathId(request.params.user_id, 'user_id', actor.userId), pathId(request.params.channel_id, 'channel_id'), {
      limitAfter, limitBefore, collapsedThreads: boolParam(q, 'collapsedThreads'),
    }));
  });

  api.get('/users/:user_id/posts/flagged', { schema: { params: UserParams } }, async (request, reply) => {
    const actor = await auth(request);
    const q = request.query as Record<string, unknown>;
    const { page, perPage } = paging(q);
    return sendPostList(reply, await app.postLists.flagged(actor, pathId(request.params.user_id, 'user_id', actor.userId), {
      teamId: idParam(q, 'team_id'), channelId: idParam(q, 'channel_id'), page, perPage,
    }));
  });

  api.post('/users/:user_id/posts/:post_id/reminder', { schema: { params: UserPostParams, body: ReminderBody } }, async (request) => {
    const actor = await auth(request);
    await app.postReminders.set(actor, pathId(request.params.user_id, 'user_id', actor.userId), pathId(request.params.post_id, 'post_id'), request.body.target_time);
    return OK;
  });

  api.post('/users/:user_id/posts/:post_id/set_unread', { schema: { params: UserPostParams } }, async (request) => {
    const actor = await auth(request);
    return app.unreads.markUnreadFromPost(actor, pathId(request.params.user_id, 'user_id', actor.userId), pathId(request.params.post_id, 'post_id'));
  });
};

