import { Type } from 'typebox';
import { badBodyParam, badParam, badUrlParam } from '../../model/errors.js';
import { isValidId } from '../../model/id.js';
import { pathParam, queryFlag, type AuditSpec } from '../audit_hook.js';
import { authenticate, requestAddress } from '../auth.js';
import type { RouteModule } from '../context.js';
import { boolParam, idParam, intParam, OK, paging, pathId, roleListParam, stringParam } from '../params.js';
import { isOAuthSession } from '../../app/sessions.js';
import { clearSessionCookies, setSessionCookies } from '../session_cookies.js';

const UserIdParams = Type.Object({ user_id: Type.String() });
const Str = (max = 256) => Type.Optional(Type.String({ maxLength: max }));

const SignupBody = Type.Object({
  email: Type.String({ maxLength: 256 }), username: Type.String({ maxLength: 256 }), password: Type.String({ maxLength: 1024 }),
  first_name: Str(), last_name: Str(), nickname: Str(), position: Str(), locale: Str(16),
});
const LoginBody = Type.Object({
  login_id: Str(), id: Str(), password: Type.String({ maxLength: 1024 }), device_id: Str(512), token: Str(), ldap_only: Str(),
});
const PatchBody = Type.Object({
  username: Str(), email: Str(), first_name: Str(), last_name: Str(), nickname: Str(), position: Str(), locale: Str(16),
  props: Type.Optional(Type.Record(Type.String(), Type.String({ maxLength: 4096 }))),
  notify_props: Type.Optional(Type.Record(Type.String(), Type.String({ maxLength: 4096 }))),
  timezone: Type.Optional(Type.Record(Type.String(), Type.String({ maxLength: 256 }))),
});
const ResetSendBody = Type.Object({ email: Type.String({ maxLength: 256 }) });
const ResetBody = Type.Object({ token: Type.String({ maxLength: 64 }), new_password: Type.String({ maxLength: 1024 }) });
const VerifySendBody = Type.Object({ email: Type.String({ maxLength: 256 }) });
const VerifyBody = Type.Object({ token: Type.String({ maxLength: 64 }) });
const IdList = Type.Array(Type.String({ maxLength: 64 }), { maxItems: 1000 });

export const userRoutes: RouteModule = (api, { app }) => {
  const auth = (request: Parameters<typeof authenticate>[1]) => authenticate(app, request);

  // Recorded when an authenticated caller (an admin) creates the account; anonymous sign-ups are not audited.
  api.post('/users', {
    schema: { body: SignupBody }, config: { authRateLimit: 'all', audit: { action: 'user.create', body: ['username', 'email'] } },
  }, async (request, reply) => {
    const actor = readOptionalActor(request) ? await auth(request) : undefined;
    const q = request.query as Record<string, unknown>;
    // t: the token of an email invitation (which joins its team); iid: a team's invite id.
    const invitation = stringParam(q, 't', 64);
    const user = invitation !== undefined ? await app.teamInvitations.signup(request.body, invitation, actor) : await app.users.signup(request.body, actor);
    const inviteId = invitation === undefined ? stringParam(q, 'iid', 64) : undefined;
    if (inviteId) {
      await app.teams.joinByInvite(user.id, inviteId);
    }
    return reply.code(201).send(app.users.present({ userId: user.id, roles: user.roles.split(' ') }, user));
  });

  // Only failed logins count: a site behind one address (a proxy without TrustedProxyIPHeader, an office) signs in freely.
  api.post('/users/login', { schema: { body: LoginBody }, config: { authRateLimit: 'failures' } }, async (request, reply) => {
    const { login_id, id, password, device_id, token, ldap_only } = request.body;
    if (!login_id && !id) throw badBodyParam('login_id');
    const result = await app.signIn.login(login_id ? { loginId: login_id } : { userId: id ?? '' }, password, {
      ipAddress: requestAddress(app, request), deviceId: device_id, mfaToken: token || undefined, ldapOnly: ldap_only === 'true',
    });
    reply.header('Token', result.token);
    if (request.headers['x-requested-with'] === 'XMLHttpRequest') setSessionCookies(request, reply, result);
    return app.users.present({ userId: result.user.id, roles: result.user.roles.split(' ') }, result.user);
  });

  api.post('/users/logout', { config: { audit: { action: 'user.logout' } } }, async (request, reply) => {
    const actor = await authenticate(app, request, { mfaExempt: true }).catch(() => undefined);
    if (actor) await app.sessions.revoke(actor.session);
    clearSessionCookies(reply);
    return OK;
  });

  // Password reset by email: anonymous. Every request for a link counts against the limit (each may send an email);
  // of the resets, only failures (a guessed or used token) count, as at login.
  api.post('/users/password/reset/send', { schema: { body: ResetSendBody }, config: { authRateLimit: 'all' } }, async (request) => {
    await app.passwordReset.sendReset(request.body.email, { ipAddress: requestAddress(app, request) });
    return OK;
  });

  api.post('/users/password/reset', { schema: { body: ResetBody }, config: { authRateLimit: 'failures' } }, async (request) => {
    await app.passwordReset.resetPassword(request.body.token, request.body.new_password, { ipAddress: requestAddress(app, request) });
    return OK;
  });

  // Email verification: anonymous, as password reset. Every request for a link counts; of the uses, only failures.
  api.post('/users/email/verify/send', { schema: { body: VerifySendBody }, config: { authRateLimit: 'all' } }, async (request) => {
    await app.emailVerification.sendVerification(request.body.email, { ipAddress: requestAddress(app, request) });
    return OK;
  });

  api.post('/users/email/verify', { schema: { body: VerifyBody }, config: { authRateLimit: 'failures' } }, async (request) => {
    await app.emailVerification.verify(request.body.token, { ipAddress: requestAddress(app, request) });
    return OK;
  });

  // Readable while MFA set-up is owed: the set-up screen needs to know who is setting up.
  api.get('/users/me', async (request) => {
    const actor = await authenticate(app, request, { mfaExempt: true });
    return app.users.present(actor, await app.users.get(actor.userId));
  });

  api.get('/users', async (request) => {
    const actor = await auth(request);
    const q = request.query as Record<string, unknown>;
    const { perPage, offset } = paging(q);
    const inTeam = idParam(q, 'in_team');
    const inChannel = idParam(q, 'in_channel');
    const active = boolParam(q, 'active');
    const inactive = boolParam(q, 'inactive');
    if (active && inactive) throw badParam('inactive');
    const users = await app.users.list(actor, {
      inTeam, notInTeam: idParam(q, 'not_in_team'), inChannel, notInChannel: idParam(q, 'not_in_channel'), active, inactive,
      roles: roleListParam(q, 'roles') ?? roleListParam(q, 'role'),
      teamRoles: inTeam ? roleListParam(q, 'team_roles') : undefined, channelRoles: inChannel ? roleListParam(q, 'channel_roles') : undefined,
      sort: userSort(q, { inTeam, inChannel }), offset, limit: perPage,
    });
    return users.map((u) => app.users.present(actor, u));
  });

  api.post('/users/ids', { schema: { body: IdList } }, async (request) => {
    const actor = await auth(request);
    const since = intParam(request.query as Record<string, unknown>, 'since', 0, { min: 0, max: Number.MAX_SAFE_INTEGER });
    const ids = request.body.filter(isValidId);
    const users = await app.users.getMany(ids);
    return users.filter((u) => u.update_at > since || since === 0).map((u) => app.users.present(actor, u));
  });

  api.post('/users/usernames', { schema: { body: IdList } }, async (request) => {
    const actor = await auth(request);
    const users = await app.users.getByUsernames(request.body);
    return users.map((u) => app.users.present(actor, u));
  });

  api.get('/users/autocomplete', async (request) => {
    const actor = await auth(request);
    const q = request.query as Record<string, unknown>;
    const term = stringParam(q, 'name', 64) ?? '';
    const limit = intParam(q, 'limit', 100, { min: 1, max: 200 });
    const teamId = idParam(q, 'in_team');
    const channelId = idParam(q, 'in_channel');
    if (channelId) {
      const users = await app.users.search(actor, { term, inChannel: channelId, limit });
      const outOfChannel = teamId ? await app.users.search(actor, { term, teamId, notInChannel: channelId, limit }) : [];
      return { users: users.map((u) => app.users.present(actor, u)), out_of_channel: outOfChannel.map((u) => app.users.present(actor, u)) };
    }
    const users = await app.users.search(actor, { term, teamId, limit });
    return { users: users.map((u) => app.users.present(actor, u)) };
  });

  api.post('/users/search', {
    schema: { body: Type.Object({
      term: Type.String({ maxLength: 128 }), team_id: Str(64), in_channel_id: Str(64), not_in_channel_id: Str(64),
      allow_inactive: Type.Optional(Type.Boolean()), limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 1000 })),
    }) },
  }, async (request) => {
    const actor = await auth(request);
    const b = request.body;
    for (const [name, value] of [['team_id', b.team_id], ['in_channel_id', b.in_channel_id], ['not_in_channel_id', b.not_in_channel_id]] as const) {
      if (value && !isValidId(value)) throw badBodyParam(name);
    }
    const users = await app.users.search(actor, {
      term: b.term, teamId: b.team_id || undefined, inChannel: b.in_channel_id || undefined,
      notInChannel: b.not_in_channel_id || undefined, allowInactive: b.allow_inactive, limit: b.limit ?? 100,
    });
    return users.map((u) => app.users.present(actor, u));
  });

  api.get('/users/username/:username', { schema: { params: Type.Object({ username: Type.String({ maxLength: 64 }) }) } }, async (request) => {
    const actor = await auth(request);
    return app.users.present(actor, await app.users.getByUsername(request.params.username));
  });

  api.get('/users/email/:email', { schema: { params: Type.Object({ email: Type.String({ maxLength: 128 }) }) } }, async (request) => {
    const actor = await auth(request);
    return app.users.present(actor, await app.users.getByEmail(actor, request.params.email));
  });

  api.post('/users/status/ids', { schema: { body: IdList } }, async (request) => {
    await auth(request);
    const statuses = await app.statuses.getMany(request.body.filter(isValidId));
    return statuses;
  });

  api.get('/users/:user_id', { schema: { params: UserIdParams } }, async (request) => {
    const actor = await auth(request);
    return app.users.present(actor, await app.users.get(pathId(request.params.user_id, 'user_id', actor.userId)));
  });

  api.put('/users/:user_id/patch', { schema: { params: UserIdParams, body: PatchBody }, config: { audit: userUpdate } }, async (request) => {
    const actor = await auth(request);
    const user = await app.users.patch(actor, pathId(request.params.user_id, 'user_id', actor.userId), request.body);
    return app.users.present(actor, user);
  });

  api.put('/users/:user_id', { schema: { params: UserIdParams, body: PatchBody }, config: { audit: userUpdate } }, async (request) => {
    const actor = await auth(request);
    const user = await app.users.patch(actor, pathId(request.params.user_id, 'user_id', actor.userId), request.body);
    return app.users.present(actor, user);
  });

  api.put('/users/:user_id/password', {
    schema: { params: UserIdParams, body: Type.Object({ current_password: Str(1024), new_password: Type.String({ maxLength: 1024 }) }) },
    // An admin setting another user's password is a reset; never the passwords themselves.
    config: {
      audit: (request) => {
        const userId = pathParam(request, 'user_id');
        return { action: userId === request.actor?.userId ? 'user.password.update' : 'user.password.reset', object: userId };
      },
    },
  }, async (request) => {
    const actor = await auth(request);
    await app.users.changePassword(actor, pathId(request.params.user_id, 'user_id', actor.userId), request.body.current_password ?? '', request.body.new_password);
    return OK;
  });

  api.put('/users/:user_id/active', {
    schema: { params: UserIdParams, body: Type.Object({ active: Type.Boolean() }) },
    config: { audit: (request) => ({ action: (request.body as { active?: unknown }).active === true ? 'user.activate' : 'user.deactivate', object: pathParam(request, 'user_id') }) },
  }, async (request) => {
    const actor = await auth(request);
    await app.users.setActive(actor, pathId(request.params.user_id, 'user_id', actor.userId), request.body.active);
    return OK;
  });

  api.delete('/users/:user_id', {
    schema: { params: UserIdParams },
    config: { audit: (request) => ({ action: queryFlag(request, 'permanent') ? 'user.delete.permanent' : 'user.deactivate', object: pathParam(request, 'user_id') }) },
  }, async (request) => {
    const actor = await auth(request);
    await app.users.setActive(actor, pathId(request.params.user_id, 'user_id', actor.userId), false);
    return OK;
  });

  api.put('/users/:user_id/roles', {
    schema: { params: UserIdParams, body: Type.Object({ roles: Type.String({ maxLength: 256 }) }) },
    config: { audit: { action: 'user.roles.update', object: 'user_id', body: ['roles'] } },
  }, async (request) => {
    const actor = await auth(request);
    await app.users.setRoles(actor, pathId(request.params.user_id, 'user_id', actor.userId), request.body.roles);
    return OK;
  });

  api.get('/users/:user_id/sessions', { schema: { params: UserIdParams } }, async (request) => {
    const actor = await auth(request);
    const userId = pathId(request.params.user_id, 'user_id', actor.userId);
    if (userId !== actor.userId) app.permissions.requireSystem(actor, 'edit_other_users');
    const sessions = await app.sessions.list(userId);
    return sessions.map(({ token: _token, csrf_token: _csrf, ...s }) => ({ ...s, is_oauth: isOAuthSession(s), team_members: [] }));
  });

  api.post('/users/:user_id/sessions/revoke', {
    schema: { params: UserIdParams, body: Type.Object({ session_id: Type.String({ maxLength: 64 }) }) },
    config: { audit: { action: 'user.session.revoke', object: 'user_id', body: ['session_id'] } },
  }, async (request) => {
    const actor = await auth(request);
    const userId = pathId(request.params.user_id, 'user_id', actor.userId);
    if (userId !== actor.userId) app.permissions.requireSystem(actor, 'edit_other_users');
    const session = isValidId(request.body.session_id) ? await app.sessions.get(request.body.session_id) : undefined;
    if (!session || session.user_id !== userId) throw badBodyParam('session_id');
    await app.sessions.revoke(session);
    return OK;
  });

  api.post('/users/:user_id/sessions/revoke/all', { schema: { params: UserIdParams }, config: { audit: { action: 'user.session.revoke_all', object: 'user_id' } } }, async (request) => {
    const actor = await auth(request);
    const userId = pathId(request.params.user_id, 'user_id', actor.userId);
    if (userId !== actor.userId) app.permissions.requireSystem(actor, 'edit_other_users');
    await app.sessions.revokeAllForUser(userId);
    return OK;
  });

  api.get('/users/:user_id/status', { schema: { params: UserIdParams } }, async (request) => {
    const actor = await auth(request);
    return app.statuses.get(pathId(request.params.user_id, 'user_id', actor.userId));
  });

  api.put('/users/:user_id/status', {
    schema: { params: UserIdParams, body: Type.Object({ user_id: Str(64), status: Type.String({ maxLength: 16 }), dnd_end_time: Type.Optional(Type.Integer({ minimum: 0, maximum: Number.MAX_SAFE_INTEGER })) }) },
  }, async (request) => {
    const actor = await auth(request);
    const userId = pathId(request.params.user_id, 'user_id', actor.userId);
    if (userId !== actor.userId) app.permissions.requireSystem(actor, 'edit_other_users');
    if (request.body.user_id && request.body.user_id !== userId) throw badBodyParam('user_id');
    return app.statuses.setManual(userId, request.body.status, request.body.dnd_end_time);
  });
};

/** Profile changes, naming the fields sent (a changed email or username matters to account security). */
const userUpdate: AuditSpec = (request) => ({
  action: 'user.update', object: pathParam(request, 'user_id'), extra: { fields: Object.keys((request.body as object | undefined) ?? {}).join(',') },
});

/** Sign-up is anonymous, but an admin creating a user is authenticated. */
function readOptionalActor(request: { headers: Record<string, unknown>; cookies?: Record<string, string | undefined> }): boolean {
  return Boolean(request.headers.authorization || request.cookies?.MMAUTHTOKEN);
}

/** Upstream's sorts and where each applies: create_at and last_activity_at in a team, admin and status in a channel. */
function userSort(q: Record<string, unknown>, scope: { inTeam?: string; inChannel?: string }): 'create_at' | 'last_activity_at' | 'admin' | 'status' | undefined {
  const sort = stringParam(q, 'sort', 32);
  if (!sort) return undefined;
  if ((sort === 'create_at' || sort === 'last_activity_at') && scope.inTeam && !scope.inChannel) return sort;
  if ((sort === 'admin' || sort === 'status') && scope.inChannel) return sort;
  throw badUrlParam('sort');
}
