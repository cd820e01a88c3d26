import type { AdminConfig } from '@mattermost/types/config';
import type { Team } from '@mattermost/types/teams';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { storedToken } from '../../src/app/email/link_mail.js';
import type { SqlStore } from '../../src/store/sql/store.js';
import { createUser, raw, startTestServer, unique, type TestServer, type TestUser } from '../harness.js';
import { decodedMail, startSmtpSink, waitForMail, type ReceivedMail, type SmtpSink, sinkSettings } from '../smtp_sink.js';
import { newTeam } from '../team_fixtures.js';

const LINK_INVALID = 'api.user.create_user.signup_link_invalid.app_error';
const LINK_EXPIRED = 'api.user.create_user.signup_link_expired.app_error';
const INVALID_EMAIL = 'api.team.invite_members.invalid_email.app_error';
const PASSWORD = 'correct-horse-battery';
const HOUR = 60 * 60 * 1000;

let server: TestServer;
let admin: TestUser;
let sink: SmtpSink;

const patchConfig = (patch: object) => admin.client.patchConfig(patch as Partial<AdminConfig>);

beforeAll(async () => {
  server = await startTestServer();
  admin = await createUser(server, 'inviteadmin');
  sink = await startSmtpSink();
  await patchConfig({ EmailSettings: sinkSettings(sink), ServiceSettings: { SiteURL: server.url, EnableEmailInvitations: true } });
});
afterAll(async () => {
  await sink?.close();
  await server?.close();
});

const invite = (user: TestUser, teamId: string, body: unknown, graceful = false) =>
  raw(server, 'POST', `/teams/${teamId}/invite/email${graceful ? '?graceful=true' : ''}`, { token: user.token, body: body as object });
const signUpWith = (token: string, body: object) => raw(server, 'POST', `/users?t=${encodeURIComponent(token)}`, { body });
const db = () => (server.app.deps.store as SqlStore).db;
const settle = () => new Promise((resolve) => setTimeout(resolve, 500));
const address = (prefix: string) => `${unique(prefix).toLowerCase()}@example.com`;

function expectError(response: { status: number; body: any }, status: number, id: string): void {
  expect(response.status, JSON.stringify(response.body)).toBe(status);
  expect(response.body).toMatchObject({ id, status_code: status });
}

const LINK = /(\S+)\/signup_user_complete\/\?d=([^&\s]+)&t=([A-Za-z0-9_-]+)/;

function linkIn(mail: ReceivedMail): { site: string; data: { display_name: string; name: string }; token: string } {
  const match = LINK.exec(decodedMail(mail));
  if (!match) throw new Error(`no invitation link in:\n${mail.data}`);
  return { site: match[1], data: JSON.parse(decodeURIComponent(match[2])) as { display_name: string; name: string }, token: match[3] };
}

/** A team owned by a new user (its team admin), who invites `email` and hands back the link. */
async function invited(email: string, owner?: { user: TestUser; team: Team }): Promise<{ owner: TestUser; team: Team; token: string; mail: ReceivedMail }> {
  const user = owner?.user ?? await createUser(server, 'inviter');
  const team = owner?.team ?? await newTeam(user.client);
  const before = sink.received.length;
  const response = await invite(user, team.id, [email]);
  expect(response.status, JSON.stringify(response.body)).toBe(200);
  expect(response.body).toEqual({ status: 'OK' });
  const mail = await waitForMail(sink, email.toLowerCase(), before);
  return { owner: user, team, token: linkIn(mail).token, mail };
}

const newAccount = (email: string) => ({ username: unique('joiner').toLowerCase().slice(0, 22), email, password: PASSWORD });

describe('POST /teams/{team_id}/invite/email', () => {
  it('mails a sign-up link naming the inviter and the team; the client config offers invitations', async () => {
    expect((await raw(server, 'GET', '/config/client?format=old')).body.EnableEmailInvitations).toBe('true');
    const email = address('invitee');
    const { owner, team, mail } = await invited(email.toUpperCase().replace('@EXAMPLE.COM', '@example.com'));
    expect(mail.to).toEqual([email]);
    expect(mail.from).toBe('feedback@parley.test');
    expect(mail.data).toMatch(new RegExp(`^Subject: \\[Parley\\] @${owner.user.username} invited you to join`, 'm'));
    const text = decodedMail(mail);
    expect(text).toContain(team.display_name);
    const link = linkIn(mail);
    expect(link.site).toBe(server.url);
    expect(link.data).toEqual({ display_name: team.display_name, name: team.name });
    expect(link.token).toMatch(/^[A-Za-z0-9_-]{64}$/);
    const rows = await db().selectFrom('tokens').select(['token', 'type', 'extra']).where('token', '=', storedToken(link.token)).execute();
    expect(rows).toHaveLength(1);
    expect(rows[0].type).toBe('team_invitation');
    expect(JSON.parse(rows[0].extra)).toEqual({ teamId: team.id, email });
  });

  it('signing up with the link creates a verified account in the team, on a server that is not open; the link works once', async () => {
    const email = address('joiner');
    const { team, token } = await invited(email);
    await patchConfig({ TeamSettings: { EnableOpenServer: false } });
    let created;
    try {
      expectError(await raw(server, 'POST', '/users', { body: newAccount(address('closed')) }), 403, 'api.user.create_user.no_open_server');
      created = await signUpWith(token, newAccount(email));
    } finally {
      await patchConfig({ TeamSettings: { EnableOpenServer: true } });
    }
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    expect(created.body.email).toBe(email);
    expect(created.body.email_verified).toBe(true);
    const member = await raw(server, 'GET', `/teams/${team.id}/members/${created.body.id}`, { token: admin.token });
    expect(member.status).toBe(200);
    expect(member.body.delete_at).toBe(0);
    expectError(await signUpWith(token, newAccount(address('again'))), 400, LINK_INVALID);
  });

  it('an account signed up with another address joins but is not verified', async () => {
    const { team, token } = await invited(address('original'));
    const created = await signUpWith(token, newAccount(address('other')));
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    expect(created.body.email_verified).toBe(false);
    expect((await raw(server, 'GET', `/teams/${team.id}/members/${created.body.id}`, { token: admin.token })).status).toBe(200);
  });

  it('a refused account leaves the link usable; an expired link is refused and used up', async () => {
    const email = address('retry');
    const { token } = await invited(email);
    expectError(await signUpWith(token, { ...newAccount(email), username: admin.user.username }), 400, 'app.user.save.username_exists.app_error');
    expect((await signUpWith(token, newAccount(email))).status).toBe(201);

    const late = address('late');
    const { token: lateToken } = await invited(late);
    await db().updateTable('tokens').set({ create_at: Date.now() - 49 * HOUR }).where('token', '=', storedToken(lateToken)).execute();
    expectError(await signUpWith(lateToken, newAccount(late)), 400, LINK_EXPIRED);
    expectError(await signUpWith(lateToken, newAccount(late)), 400, LINK_INVALID);
    for (const bad of ['', 'not a token!', 'A'.repeat(64)]) expectError(await signUpWith(bad, newAccount(address('bad'))), 400, LINK_INVALID);
  });

  it('needs invite_user in the team: 403 for a member without it and for a non-member', async () => {
    const owner = await createUser(server, 'permowner');
    const team = await newTeam(owner.client);
    const member = await createUser(server, 'permmember');
    await owner.client.addToTeam(team.id, member.user.id);
    const outsider = await createUser(server, 'outsider');
    expectError(await invite(outsider, team.id, [address('x')]), 403, 'api.context.permissions.app_error');
    const role = await admin.client.getRoleByName('team_user');
    await admin.client.patchRole(role.id, { permissions: role.permissions.filter((p) => p !== 'invite_user') });
    try {
      const before = sink.received.length;
      expectError(await invite(member, team.id, [address('y')]), 403, 'api.context.permissions.app_error');
      await settle();
      expect(sink.received).toHaveLength(before);
    } finally {
      await admin.client.patchRole(role.id, { permissions: role.permissions });
    }
    expect((await invite(member, team.id, [address('z')])).status).toBe(200);
  });

  it('answers 501 when email invitations are off, or no mail can be sent', async () => {
    const owner = await createUser(server, 'offowner');
    const team = await newTeam(owner.client);
    try {
      await patchConfig({ ServiceSettings: { EnableEmailInvitations: false } });
      expect((await raw(server, 'GET', '/config/client?format=old')).body.EnableEmailInvitations).toBe('false');
      expectError(await invite(owner, team.id, [address('off')]), 501, 'api.team.invite_members.disabled.app_error');
      await patchConfig({ ServiceSettings: { EnableEmailInvitations: true }, EmailSettings: { SMTPServer: '' } });
      expect((await raw(server, 'GET', '/config/client?format=old')).body.EnableEmailInvitations).toBe('false');
      expectError(await invite(owner, team.id, [address('nosmtp')]), 501, 'api.team.invite_members.disabled.app_error');
    } finally {
      await patchConfig({ ServiceSettings: { EnableEmailInvitations: true }, EmailSettings: sinkSettings(sink) });
    }
  });

  it('refuses bad addresses with 400, and in graceful mode answers each address', async () => {
    const owner = await createUser(server, 'gracefulowner');
    const team = await newTeam(owner.client);
    const before = sink.received.length;
    const good = address('good');
    expectError(await invite(owner, team.id, [good, 'not-an-email']), 400, INVALID_EMAIL);
    expectError(await invite(owner, team.id, []), 400, 'api.team.invite_members.no_one.app_error');
    await settle();
    expect(sink.received).toHaveLength(before);

    const response = await invite(owner, team.id, [good, 'not-an-email'], true);
    expect(response.status, JSON.stringify(response.body)).toBe(200);
    expect(response.body).toHaveLength(2);
    expect(response.body[0]).toEqual({ email: good });
    expect(response.body[1]).toMatchObject({ email: 'not-an-email', error: { id: INVALID_EMAIL, status_code: 400 } });
    await waitForMail(sink, good, before);

    // The newer clients' body shape is taken too.
    const other = address('object');
    const objectBody = await invite(owner, team.id, { emails: [other], channelIds: [], message: '' }, true);
    expect(objectBody.body).toEqual([{ email: other }]);
    for (const body of [{}, 'a@b.c', [1], { emails: 'a@b.c' }, { emails: [other], channelIds: ['x'] }]) {
      expect((await invite(owner, team.id, body)).status, JSON.stringify(body)).toBe(400);
    }
  });

  it('keeps to the team\'s allowed domains', async () => {
    const owner = await createUser(server, 'domainowner');
    const team = await newTeam(owner.client);
    await owner.client.patchTeam({ id: team.id, allowed_domains: 'allowed.test' } as Team);
    expectError(await invite(owner, team.id, [address('outside')]), 400, INVALID_EMAIL);
    expect((await invite(owner, team.id, [`${unique('inside')}@allowed.test`])).status).toBe(200);
  });

  it('limits each inviter to 20 addresses at once (413)', async () => {
    const owner = await createUser(server, 'bulkowner');
    const team = await newTeam(owner.client);
    const many = Array.from({ length: 21 }, (_, i) => address(`bulk${i}`));
    expectError(await invite(owner, team.id, many), 413, 'app.email.rate_limit_exceeded.app_error');
  });
});

describe('DELETE /teams/invites/email', () => {
  it('lets a system admin end every pending invitation', async () => {
    const email = address('revoked');
    const { owner, token } = await invited(email);
    expectError(await raw(server, 'DELETE', '/teams/invites/email', { token: owner.token }), 403, 'api.context.permissions.app_error');
    const response = await raw(server, 'DELETE', '/teams/invites/email', { token: admin.token });
    expect(response.status, JSON.stringify(response.body)).toBe(200);
    expect(response.body).toEqual({ status: 'OK' });
    expectError(await signUpWith(token, newAccount(email)), 400, LINK_INVALID);
  });
});
