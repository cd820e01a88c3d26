import { Type } from 'typebox';
import { badBodyParam, badParam, notFound } from '../../model/errors.js';
import { isValidId } from '../../model/id.js';
import { deletionAudit, memberRolesAudit, pathParam, queryFlag, type AuditSpec } from '../audit_hook.js';
import { authenticate } from '../auth.js';
import type { RouteModule } from '../context.js';
import { boolParam, OK, paging, pathId, stringParam } from '../params.js';
import { presentTeamMember } from './presenters.js';

const TeamParams = Type.Object({ team_id: Type.String() });
const TeamUserParams = Type.Object({ team_id: Type.String(), user_id: Type.String() });
const UserParams = Type.Object({ user_id: Type.String() });
const Str = (max = 256) => Type.Optional(Type.String({ maxLength: max }));
const InviteEmails = Type.Array(Type.String({ maxLength: 256 }), { maxItems: 100 });
const TeamPatchBody = Type.Object({
  display_name: Str(), description: Str(), company_name: Str(), allowed_domains: Str(1000),
  allow_open_invite: Type.Optional(Type.Boolean()), type: Str(1),
});

/** Team changes, with the fields that decide who may join. */
const teamUpdate: AuditSpec = { action: 'team.update', object: 'team_id', body: ['type', 'allow_open_invite', 'allowed_domains'] };

export const teamRoutes: RouteModule = (api, { app }) => {
  const auth = (request: Parameters<typeof authenticate>[1]) => authenticate(app, request);

  api.post('/teams', {
    schema: { body: Type.Object({
      name: Type.String({ maxLength: 128 }), display_name: Type.String({ maxLength: 256 }), type: Type.String({ maxLength: 1 }),
      description: Str(), allow_open_invite: Type.Optional(Type.Boolean()),
    }) },
  }, async (request, reply) => {
    const actor = await auth(request);
    const b = request.body;
    const team = await app.teams.create(actor, { ...b, type: b.type as 'O' | 'I' });
    return reply.code(201).send(team);
  });

  api.get('/teams', async (request) => {
    const actor = await auth(request);
    const q = request.query as Record<string, unknown>;
    const { offset, perPage } = paging(q);
    const includeTotal = boolParam(q, 'include_total_count');
    const { teams, total } = await app.teams.list(actor, { offset, limit: perPage, includeTotal });
    const presented = await Promise.all(teams.map((t) => app.teams.present(actor, t)));
    return includeTotal ? { teams: presented, total_count: total } : presented;
  });

  api.get('/teams/name/:name/exists', { schema: { params: Type.Object({ name: Type.String({ maxLength: 128 }) }) } }, async (request) => {
    const actor = await auth(request);
    const exists = await app.teams.getByName(actor, request.params.name).then(() => true, () => false);
    return { exists };
  });

  api.get('/teams/name/:name', { schema: { params: Type.Object({ name: Type.String({ maxLength: 128 }) }) } }, async (request) => {
    const actor = await auth(request);
    return app.teams.present(actor, await app.teams.getByName(actor, request.params.name));
  });

  // No session needed, as upstream: the sign-up page of an invite link names the team before any account exists.
  api.get('/teams/invite/:invite_id', { schema: { params: Type.Object({ invite_id: Type.String({ maxLength: 64 }) }) } }, async (request) =>
    app.teams.inviteInfo(request.params.invite_id));

  api.get('/teams/:team_id', { schema: { params: TeamParams } }, async (request) => {
    const actor = await auth(request);
    return app.teams.present(actor, await app.teams.get(actor, pathId(request.params.team_id, 'team_id')));
  });

  api.put('/teams/:team_id/patch', { schema: { params: TeamParams, body: TeamPatchBody }, config: { audit: teamUpdate } }, async (request) => {
    const actor = await auth(request);
    const b = request.body;
    return app.teams.patch(actor, pathId(request.params.team_id, 'team_id'), { ...b, type: b.type as 'O' | 'I' | undefined });
  });

  // A full update (Client4 updateTeam sends the whole team); only the patchable fields are taken.
  api.put('/teams/:team_id', {
    schema: { params: TeamParams, body: Type.Object({ ...TeamPatchBody.properties, id: Type.String({ maxLength: 64 }) }) },
    config: { audit: teamUpdate },
  }, async (request) => {
    const actor = await auth(request);
    const id = pathId(request.params.team_id, 'team_id');
    const { id: bodyId, ...b } = request.body;
    if (bodyId !== id) throw badBodyParam('id');
    return app.teams.patch(actor, id, { ...b, type: b.type as 'O' | 'I' | undefined });
  });

  api.post('/teams/:team_id/restore', { schema: { params: TeamParams }, config: { audit: { action: 'team.restore', object: 'team_id' } } }, async (request) => {
    const actor = await auth(request);
    return app.teams.restore(actor, pathId(request.params.team_id, 'team_id'));
  });

  // Paged (with total_count) when both page and per_page are given, a plain list otherwise.
  api.post('/teams/search', {
    schema: { body: Type.Object({
      term: Type.String({ maxLength: 64 }), page: Type.Optional(Type.Integer({ minimum: 0, maximum: 10_000 })),
      per_page: Type.Optional(Type.Integer({ minimum: 1, maximum: 200 })), allow_open_invite: Type.Optional(Type.Boolean()),
      group_constrained: Type.Optional(Type.Boolean()),
    }) },
  }, async (request) => {
    const actor = await auth(request);
    const { term, page, per_page: perPage } = request.body;
    const teams = await Promise.all((await app.teams.search(actor, term)).map((t) => app.teams.present(actor, t)));
    if (page === undefined || perPage === undefined) return teams;
    return { teams: teams.slice(page * perPage, (page + 1) * perPage), total_count: teams.length };
  });

  // permanent=true deletes the team and everything in it (system admins); otherwise the team is archived.
  api.delete('/teams/:team_id', { schema: { params: TeamParams }, config: { audit: deletionAudit('team') } }, async (request) => {
    const actor = await auth(request);
    const teamId = pathId(request.params.team_id, 'team_id');
    if (boolParam(request.query as Record<string, unknown>, 'permanent')) await app.teamAdmin.deletePermanently(actor, teamId);
    else await app.teams.archive(actor, teamId);
    return OK;
  });

  api.put('/teams/:team_id/privacy', {
    schema: { params: TeamParams, body: Type.Object({ privacy: Type.String({ maxLength: 1 }) }) },
    config: { audit: { action: 'team.privacy.update', object: 'team_id', body: ['privacy'] } },
  }, async (request) => {
    const actor = await auth(request);
    const { privacy } = request.body;
    if (privacy !== 'O' && privacy !== 'I') throw badBodyParam('privacy');
    return app.teams.setPrivacy(actor, pathId(request.params.team_id, 'team_id'), privacy);
  });

  // A new invite id is how an admin revokes an invite link that got out.
  api.post('/teams/:team_id/regenerate_invite_id', {
    schema: { params: TeamParams }, config: { audit: { action: 'team.invite_id.regenerate', object: 'team_id' } },
  }, async (request) => {
    const actor = await auth(request);
    return app.teams.regenerateInviteId(actor, pathId(request.params.team_id, 'team_id'));
  });

  api.get('/teams/:team_id/stats', { schema: { params: TeamParams } }, async (request) => {
    const actor = await auth(request);
    return app.teams.stats(actor, pathId(request.params.team_id, 'team_id'));
  });

  // Mattermost's body is an array of addresses; its newer clients send { emails, channelIds, message } (channels are
  // not invited to here). graceful answers each address's outcome instead of failing the whole request.
  api.post('/teams/:team_id/invite/email', {
    schema: { params: TeamParams, body: Type.Union([InviteEmails, Type.Object({
      emails: InviteEmails, channelIds: Type.Optional(Type.Array(Type.String({ maxLength: 64 }), { maxItems: 0 })), message: Str(4096),
    })]) },
    config: { audit: (request) => ({ action: 'team.invite.email', object: pathParam(request, 'team_id'), extra: { graceful: String(queryFlag(request, 'graceful')) } }) },
  }, async (request) => {
    const actor = await auth(request);
    const graceful = boolParam(request.query as Record<string, unknown>, 'graceful');
    const emails = Array.isArray(request.body) ? request.body : request.body.emails;
    const outcomes = await app.teamInvitations.invite(actor, pathId(request.params.team_id, 'team_id'), emails, graceful);
    if (!graceful) return OK;
    return outcomes.map(({ email, error }) => (error ? { email, error: error.toJSON(request.id) } : { email }));
  });

  api.delete('/teams/invites/email', { config: { audit: { action: 'team.invites.invalidate' } } }, async (request) => {
    const actor = await auth(request);
    await app.teamInvitations.invalidateAll(actor);
    return OK;
  });

  api.post('/teams/members/invite', async (request, reply) => {
    const actor = await auth(request);
    const inviteId = stringParam(request.query as Record<string, unknown>, 'invite_id', 64);
    if (!inviteId) throw badParam('invite_id');
    const member = await app.teams.joinByInvite(actor.userId, inviteId);
    return reply.code(201).send(presentTeamMember(member));
  });

  api.post('/teams/:team_id/members', {
    schema: { params: TeamParams, body: Type.Object({ team_id: Str(64), user_id: Type.String({ maxLength: 64 }) }) },
  }, async (request, reply) => {
    const actor = await auth(request);
    const teamId = pathId(request.params.team_id, 'team_id');
    if (request.body.team_id && request.body.team_id !== teamId) throw badBodyParam('team_id');
    if (!isValidId(request.body.user_id)) throw badBodyParam('user_id');
    const member = await app.teams.addMember(actor, teamId, request.body.user_id);
    return reply.code(201).send(presentTeamMember(member));
  });

  api.post('/teams/:team_id/members/batch', {
    schema: { params: TeamParams, body: Type.Array(Type.Object({ team_id: Str(64), user_id: Type.String({ maxLength: 64 }) }), { maxItems: 256 }) },
  }, async (request, reply) => {
    const actor = await auth(request);
    const teamId = pathId(request.params.team_id, 'team_id');
    const members = [];
    for (const item of request.body) {
      if (!isValidId(item.user_id)) throw badBodyParam('user_id');
      members.push(presentTeamMember(await app.teams.addMember(actor, teamId, item.user_id)));
    }
    return reply.code(201).send(members);
  });

  api.get('/teams/:team_id/members', { schema: { params: TeamParams } }, async (request) => {
    const actor = await auth(request);
    const { offset, perPage } = paging(request.query as Record<string, unknown>);
    const members = await app.teams.listMembers(actor, pathId(request.params.team_id, 'team_id'), { offset, limit: perPage });
    return members.map(presentTeamMember);
  });

  api.post('/teams/:team_id/members/ids', {
    schema: { params: TeamParams, body: Type.Array(Type.String({ maxLength: 64 }), { maxItems: 1000 }) },
  }, async (request) => {
    const actor = await auth(request);
    const members = await app.teams.getMembersByIds(actor, pathId(request.params.team_id, 'team_id'), request.body.filter(isValidId));
    return members.map(presentTeamMember);
  });

  api.get('/teams/:team_id/members/:user_id', { schema: { params: TeamUserParams } }, async (request) => {
    const actor = await auth(request);
    const member = await app.teams.getMember(actor, pathId(request.params.team_id, 'team_id'), pathId(request.params.user_id, 'user_id', actor.userId));
    return presentTeamMember(member);
  });

  api.delete('/teams/:team_id/members/:user_id', {
    schema: { params: TeamUserParams },
    config: { audit: (request) => ({ action: 'team.member.remove', object: pathParam(request, 'user_id'), extra: { team_id: pathParam(request, 'team_id') } }) },
  }, async (request) => {
    const actor = await auth(request);
    await app.teams.removeMember(actor, pathId(request.params.team_id, 'team_id'), pathId(request.params.user_id, 'user_id', actor.userId));
    return OK;
  });

  api.put('/teams/:team_id/members/:user_id/schemeRoles', {
    schema: { params: TeamUserParams, body: Type.Object({ scheme_user: Type.Boolean(), scheme_admin: Type.Boolean() }) },
    config: { audit: memberRolesAudit('team') },
  }, async (request) => {
    const actor = await auth(request);
    const { scheme_user, scheme_admin } = request.body;
    await app.teams.updateMemberSchemeRoles(actor, pathId(request.params.team_id, 'team_id'), pathId(request.params.user_id, 'user_id', actor.userId), { scheme_user, scheme_admin });
    return OK;
  });

  api.put('/teams/:team_id/members/:user_id/roles', {
    // Client4 types the roles as an array, Mattermost reads a space-separated string: take either.
    schema: { params: TeamUserParams, body: Type.Object({
      roles: Type.Union([Type.String({ maxLength: 256 }), Type.Array(Type.String({ maxLength: 64 }), { maxItems: 8 })]),
    }) },
    config: { audit: memberRolesAudit('team') },
  }, async (request) => {
    const actor = await auth(request);
    const { roles } = request.body;
    const userId = pathId(request.params.user_id, 'user_id', actor.userId);
    await app.teams.updateMemberRoles(actor, pathId(request.params.team_id, 'team_id'), userId, Array.isArray(roles) ? roles.join(' ') : roles);
    return OK;
  });

  api.get('/users/:user_id/teams', { schema: { params: UserParams } }, async (request) => {
    const actor = await auth(request);
    const teams = await app.teams.listForUser(actor, pathId(request.params.user_id, 'user_id', actor.userId));
    return Promise.all(teams.map((t) => app.teams.present(actor, t)));
  });

  api.get('/users/:user_id/teams/members', { schema: { params: UserParams } }, async (request) => {
    const actor = await auth(request);
    const members = await app.teams.listMembersForUser(actor, pathId(request.params.user_id, 'user_id', actor.userId));
    return members.map(presentTeamMember);
  });

  api.get('/users/:user_id/teams/unread', { schema: { params: UserParams } }, async (request) => {
    const actor = await auth(request);
    return app.channelMembers.teamUnreads(actor, pathId(request.params.user_id, 'user_id', actor.userId));
  });

  api.get('/users/:user_id/teams/:team_id/unread', { schema: { params: TeamUserParams } }, async (request) => {
    const actor = await auth(request);
    const teamId = pathId(request.params.team_id, 'team_id');
    const unreads = await app.channelMembers.teamUnreads(actor, pathId(request.params.user_id, 'user_id', actor.userId));
    const found = unreads.find((u) => u.team_id === teamId);
    if (!found) throw notFound('team_member');
    return found;
  });
};
