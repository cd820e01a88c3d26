import { Type } from 'typebox';
import { badBodyParam } from '../../model/errors.js';
import { isValidId } from '../../model/id.js';
import { deletionAudit, memberRolesAudit, pathParam } from '../audit_hook.js';
import { authenticate } from '../auth.js';
import type { RouteModule } from '../context.js';
import { boolParam, OK, paging, pathId, stringParam } from '../params.js';
import { presentChannelMember } from './presenters.js';

const ChannelParams = Type.Object({ channel_id: Type.String() });
const ChannelUserParams = Type.Object({ channel_id: Type.String(), user_id: Type.String() });
const UserParams = Type.Object({ user_id: Type.String() });
const UserTeamParams = Type.Object({ user_id: Type.String(), team_id: Type.String() });
const TeamParams = Type.Object({ team_id: Type.String() });
const SchemeRoles = Type.Object({ scheme_user: Type.Boolean(), scheme_admin: Type.Boolean() });
const Str = (max = 256) => Type.Optional(Type.String({ maxLength: max }));
const IdArray = Type.Array(Type.String({ maxLength: 64 }), { maxItems: 1000 });

export const channelRoutes: RouteModule = (api, { app }) => {
  const auth = (request: Parameters<typeof authenticate>[1]) => authenticate(app, request);

  api.post('/channels', {
    schema: { body: Type.Object({
      team_id: Type.String({ maxLength: 64 }), name: Type.String({ maxLength: 128 }), display_name: Type.String({ maxLength: 256 }),
      type: Type.String({ maxLength: 1 }), header: Str(2048), purpose: Str(1024),
    }) },
  }, async (request, reply) => {
    const actor = await auth(request);
    const b = request.body;
    if (!isValidId(b.team_id)) throw badBodyParam('team_id');
    const channel = await app.channels.create(actor, { ...b, type: b.type as 'O' | 'P' });
    return reply.code(201).send(channel);
  });

  api.post('/channels/direct', { schema: { body: IdArray } }, async (request, reply) => {
    const actor = await auth(request);
    if (!request.body.every(isValidId)) throw badBodyParam('user_ids');
    return reply.code(201).send(await app.directChannels.getDirect(actor, request.body));
  });

  api.post('/channels/group', { schema: { body: IdArray } }, async (request, reply) => {
    const actor = await auth(request);
    if (!request.body.every(isValidId)) throw badBodyParam('user_ids');
    return reply.code(201).send(await app.directChannels.getGroup(actor, request.body));
  });

  api.post('/channels/group/search', { schema: { body: Type.Object({ term: Type.String({ maxLength: 256 }) }) } }, async (request) => {
    const actor = await auth(request);
    return app.directChannels.searchGroups(actor, request.body.term);
  });

  api.post('/users/group_channels', { schema: { body: Type.Array(Type.String({ maxLength: 64 }), { maxItems: 200 }) } }, async (request) => {
    const actor = await auth(request);
    if (!request.body.every(isValidId)) throw badBodyParam('channel_ids');
    const members = await app.directChannels.membersOf(actor, request.body);
    return Object.fromEntries([...members].map(([channelId, users]) => [channelId, users.map((u) => app.users.present(actor, u))]));
  });

  api.post('/channels/members/me/view', {
    schema: { body: Type.Object({ channel_id: Str(64), prev_channel_id: Str(64), collapsed_threads_supported: Type.Optional(Type.Boolean()) }) },
  }, async (request) => {
    const actor = await auth(request);
    const ids = [request.body.channel_id, request.body.prev_channel_id].filter((id): id is string => Boolean(id));
    for (const id of ids) if (!isValidId(id)) throw badBodyParam('channel_id');
    const times = await app.channelMembers.view(actor, ids);
    return { status: 'OK', last_viewed_at_times: times };
  });

  api.post('/channels/members/me/mark_read', { schema: { body: IdArray } }, async (request) => {
    const actor = await auth(request);
    if (!request.body.every(isValidId)) throw badBodyParam('channel_ids');
    const times = await app.channelMembers.view(actor, request.body);
    return { status: 'OK', last_viewed_at_times: times };
  });

  api.post('/channels/stats/member_count', { schema: { body: IdArray } }, async (request) => {
    const actor = await auth(request);
    return app.channelMembers.memberCounts(actor, request.body.filter(isValidId));
  });

  api.get('/channels/:channel_id', { schema: { params: ChannelParams } }, async (request) => {
    const actor = await auth(request);
    return app.channels.get(actor, pathId(request.params.channel_id, 'channel_id'));
  });

  api.put('/channels/:channel_id/patch', {
    schema: { params: ChannelParams, body: Type.Object({ display_name: Str(), name: Str(128), header: Str(2048), purpose: Str(1024) }) },
  }, async (request) => {
    const actor = await auth(request);
    return app.channels.patch(actor, pathId(request.params.channel_id, 'channel_id'), request.body);
  });

  api.put('/channels/:channel_id', {
    schema: { params: ChannelParams, body: Type.Object({ id: Str(64), display_name: Str(), name: Str(128), header: Str(2048), purpose: Str(1024) }) },
  }, async (request) => {
    const actor = await auth(request);
    const id = pathId(request.params.channel_id, 'channel_id');
    if (request.body.id && request.body.id !== id) throw badBodyParam('id');
    const { id: _id, ...patch } = request.body;
    return app.channels.patch(actor, id, patch);
  });

  // permanent=true deletes the channel and everything in it (system admins); otherwise the channel is archived.
  api.delete('/channels/:channel_id', { schema: { params: ChannelParams }, config: { audit: deletionAudit('channel') } }, async (request) => {
    const actor = await auth(request);
    const channelId = pathId(request.params.channel_id, 'channel_id');
    if (boolParam(request.query as Record<string, unknown>, 'permanent')) await app.channelAdmin.deletePermanently(actor, channelId);
    else await app.channels.archive(actor, channelId);
    return OK;
  });

  api.post('/channels/:channel_id/restore', { schema: { params: ChannelParams }, config: { audit: { action: 'channel.restore', object: 'channel_id' } } }, async (request) => {
    const actor = await auth(request);
    return app.channels.restore(actor, pathId(request.params.channel_id, 'channel_id'));
  });

  api.put('/channels/:channel_id/privacy', {
    schema: { params: ChannelParams, body: Type.Object({ privacy: Type.String({ maxLength: 1 }) }) },
    config: { audit: { action: 'channel.privacy.update', object: 'channel_id', body: ['privacy'] } },
  }, async (request) => {
    const actor = await auth(request);
    const { privacy } = request.body;
    if (privacy !== 'O' && privacy !== 'P') throw badBodyParam('privacy');
    return app.channels.setPrivacy(actor, pathId(request.params.channel_id, 'channel_id'), privacy);
  });

  api.post('/channels/:channel_id/convert', {
    schema: { params: ChannelParams },
    config: { audit: (request) => ({ action: 'channel.privacy.update', object: pathParam(request, 'channel_id'), extra: { privacy: 'P' } }) },
  }, async (request) => {
    const actor = await auth(request);
    return app.channels.setPrivacy(actor, pathId(request.params.channel_id, 'channel_id'), 'P');
  });

  api.get('/channels/:channel_id/stats', { schema: { params: ChannelParams } }, async (request) => {
    const actor = await auth(request);
    return app.channelMembers.stats(actor, pathId(request.params.channel_id, 'channel_id'));
  });

  api.get('/channels/:channel_id/timezones', { schema: { params: ChannelParams } }, async (request) => {
    const actor = await auth(request);
    await app.channels.get(actor, pathId(request.params.channel_id, 'channel_id'));
    return [];
  });

  api.get('/channels/:channel_id/members', { schema: { params: ChannelParams } }, async (request) => {
    const actor = await auth(request);
    const { offset, perPage } = paging(request.query as Record<string, unknown>);
    const members = await app.channelMembers.listMembers(actor, pathId(request.params.channel_id, 'channel_id'), { offset, limit: perPage });
    return members.map(presentChannelMember);
  });

  api.post('/channels/:channel_id/members/ids', { schema: { params: ChannelParams, body: IdArray } }, async (request) => {
    const actor = await auth(request);
    const members = await app.channelMembers.getMembersByIds(actor, pathId(request.params.channel_id, 'channel_id'), request.body.filter(isValidId));
    return members.map(presentChannelMember);
  });

  api.post('/channels/:channel_id/members', {
    schema: { params: ChannelParams, body: Type.Object({ user_id: Str(64), user_ids: Type.Optional(IdArray), post_root_id: Str(64) }) },
  }, async (request, reply) => {
    const actor = await auth(request);
    const channelId = pathId(request.params.channel_id, 'channel_id');
    const ids = request.body.user_ids ?? (request.body.user_id ? [request.body.user_id] : []);
    if (ids.length === 0 || !ids.every(isValidId)) throw badBodyParam('user_id');
    const members = [];
    for (const id of ids) members.push(presentChannelMember(await app.channelMembers.addMember(actor, channelId, id)));
    return reply.code(201).send(request.body.user_ids ? members : members[0]);
  });

  api.get('/channels/:channel_id/members/:user_id', { schema: { params: ChannelUserParams } }, async (request) => {
    const actor = await auth(request);
    const member = await app.channelMembers.getMember(actor, pathId(request.params.channel_id, 'channel_id'), pathId(request.params.user_id, 'user_id', actor.userId));
    return presentChannelMember(member);
  });

  api.delete('/channels/:channel_id/members/:user_id', { schema: { params: ChannelUserParams } }, async (request) => {
    const actor = await auth(request);
    await app.channelMembers.removeMember(actor, pathId(request.params.channel_id, 'channel_id'), pathId(request.params.user_id, 'user_id', actor.userId));
    return OK;
  });

  api.put('/channels/:channel_id/members/:user_id/notify_props', {
    schema: { params: ChannelUserParams, body: Type.Record(Type.String({ maxLength: 64 }), Type.String({ maxLength: 64 })) },
  }, async (request) => {
    const actor = await auth(request);
    const { channel_id: _c, user_id: _u, ...props } = request.body;
    await app.channelMembers.updateNotifyProps(actor, pathId(request.params.channel_id, 'channel_id'), pathId(request.params.user_id, 'user_id', actor.userId), props);
    return OK;
  });

  api.put('/channels/:channel_id/members/:user_id/schemeRoles', {
    schema: { params: ChannelUserParams, body: SchemeRoles }, config: { audit: memberRolesAudit('channel') },
  }, async (request) => {
    const actor = await auth(request);
    const { scheme_user, scheme_admin } = request.body;
    await app.channelMembers.updateSchemeRoles(actor, pathId(request.params.channel_id, 'channel_id'), pathId(request.params.user_id, 'user_id', actor.userId), { scheme_user, scheme_admin });
    return OK;
  });

  api.put('/channels/:channel_id/members/:user_id/roles', {
    schema: { params: ChannelUserParams, body: Type.Object({ roles: Type.String({ maxLength: 256 }) }) },
    config: { audit: memberRolesAudit('channel') },
  }, async (request) => {
    const actor = await auth(request);
    await app.channelMembers.updateMemberRoles(actor, pathId(request.params.channel_id, 'channel_id'), pathId(request.params.user_id, 'user_id', actor.userId), request.body.roles);
    return OK;
  });

  api.get('/teams/:team_id/channels', { schema: { params: TeamParams } }, async (request) => {
    const actor = await auth(request);
    const q = request.query as Record<string, unknown>;
    const { offset, perPage } = paging(q);
    return app.channels.listPublic(actor, pathId(request.params.team_id, 'team_id'), { offset, limit: perPage, includeDeleted: boolParam(q, 'include_deleted') });
  });

  api.get('/teams/:team_id/channels/deleted', { schema: { params: TeamParams } }, async (request) => {
    const actor = await auth(request);
    const { offset, perPage } = paging(request.query as Record<string, unknown>);
    return app.channels.listArchived(actor, pathId(request.params.team_id, 'team_id'), { offset, limit: perPage });
  });

  api.get('/teams/:team_id/channels/private', { schema: { params: TeamParams } }, async (request) => {
    const actor = await auth(request);
    const { offset, perPage } = paging(request.query as Record<string, unknown>);
    return app.channels.listPrivate(actor, pathId(request.params.team_id, 'team_id'), { offset, limit: perPage });
  });

  api.get('/teams/:team_id/channels/autocomplete', { schema: { params: TeamParams } }, async (request) => {
    const actor = await auth(request);
    const term = stringParam(request.query as Record<string, unknown>, 'name', 64) ?? '';
    return app.channels.listPublic(actor, pathId(request.params.team_id, 'team_id'), { offset: 0, limit: 50, includeDeleted: false, term });
  });

  api.get('/teams/:team_id/channels/search_autocomplete', { schema: { params: TeamParams } }, async (request) => {
    const actor = await auth(request);
    const term = stringParam(request.query as Record<string, unknown>, 'name', 64) ?? '';
    return app.channels.autocompleteMine(actor, pathId(request.params.team_id, 'team_id'), term);
  });

  api.post('/teams/:team_id/channels/search', {
    schema: { params: TeamParams, body: Type.Object({ term: Type.String({ maxLength: 64 }) }) },
  }, async (request) => {
    const actor = await auth(request);
    return app.channels.listPublic(actor, pathId(request.params.team_id, 'team_id'), { offset: 0, limit: 100, includeDeleted: false, term: request.body.term });
  });

  api.get('/teams/:team_id/channels/name/:name', {
    schema: { params: Type.Object({ team_id: Type.String(), name: Type.String({ maxLength: 128 }) }) },
  }, async (request) => {
    const actor = await auth(request);
    const includeDeleted = boolParam(request.query as Record<string, unknown>, 'include_deleted');
    return app.channels.getByName(actor, pathId(request.params.team_id, 'team_id'), request.params.name, includeDeleted);
  });

  api.get('/teams/name/:team_name/channels/name/:name', {
    schema: { params: Type.Object({ team_name: Type.String({ maxLength: 128 }), name: Type.String({ maxLength: 128 }) }) },
  }, async (request) => {
    const actor = await auth(request);
    const team = await app.teams.getByName(actor, request.params.team_name);
    const includeDeleted = boolParam(request.query as Record<string, unknown>, 'include_deleted');
    return app.channels.getByName(actor, team.id, request.params.name, includeDeleted);
  });

  api.get('/users/:user_id/channels', { schema: { params: UserParams } }, async (request) => {
    const actor = await auth(request);
    const includeDeleted = boolParam(request.query as Record<string, unknown>, 'include_deleted');
    return app.channels.listForUser(actor, pathId(request.params.user_id, 'user_id', actor.userId), { includeDeleted });
  });

  api.get('/users/:user_id/teams/:team_id/channels', { schema: { params: UserTeamParams } }, async (request) => {
    const actor = await auth(request);
    const includeDeleted = boolParam(request.query as Record<string, unknown>, 'include_deleted');
    const teamId = pathId(request.params.team_id, 'team_id');
    await app.permissions.requireTeam(actor, teamId, 'view_team');
    return app.channels.listForUser(actor, pathId(request.params.user_id, 'user_id', actor.userId), { teamId, includeDeleted });
  });

  api.get('/users/:user_id/teams/:team_id/channels/members', { schema: { params: UserTeamParams } }, async (request) => {
    const actor = await auth(request);
    const teamId = pathId(request.params.team_id, 'team_id');
    await app.permissions.requireTeam(actor, teamId, 'view_team');
    const members = await app.channelMembers.listMembersForUser(actor, pathId(request.params.user_id, 'user_id', actor.userId), { teamId });
    return members.map(presentChannelMember);
  });

  api.get('/users/:user_id/channel_members', { schema: { params: UserParams } }, async (request, reply) => {
    const actor = await auth(request);
    const q = request.query as Record<string, unknown>;
    const page = q.page === '-1' ? -1 : paging(q).page;
    const members = (await app.channelMembers.listMembersForUser(actor, pathId(request.params.user_id, 'user_id', actor.userId), {})).map(presentChannelMember);
    if (page === -1) {
      reply.type('application/x-ndjson');
      return members.map((m) => JSON.stringify(m)).join('\n');
    }
    const { offset, perPage } = paging(q);
    return members.slice(offset, offset + perPage);
  });
};
