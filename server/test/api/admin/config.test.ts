import type { AdminConfig } from '@mattermost/types/config';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUser, newClient, raw, startTestServer, unique, type TestServer, type TestUser } from '../../harness.js';

const MASK = '********************************';

let server: TestServer;
let admin: TestUser;
let member: TestUser;

beforeAll(async () => {
  server = await startTestServer();
  admin = await createUser(server, 'cfgadmin');
  member = await createUser(server, 'cfgmember');
});
afterAll(() => server?.close());

type Doc = AdminConfig & Record<string, unknown>;

describe('config API through @mattermost/client', () => {
  it('round-trips the document: read, change one key, write, read again', async () => {
    const config = (await admin.client.getConfig()) as Doc;
    expect(config.TeamSettings.SiteName).toBe('Parley');
    expect(config.ServiceSettings.MaximumLoginAttempts).toBe(10);
    expect(typeof config.LdapSettings.Enable).toBe('boolean');
    config.TeamSettings.SiteName = 'Round Trip';
    const saved = await admin.client.updateConfig(config);
    expect(saved.TeamSettings.SiteName).toBe('Round Trip');
    expect((await admin.client.getConfig()).TeamSettings.SiteName).toBe('Round Trip');
    const client = await newClient(server).getClientConfig();
    expect(client.SiteName).toBe('Round Trip');
    expect(server.app.config.siteName).toBe('Round Trip');
  });

  it('keeps keys it does not implement, and unknown keys and sections, as written', async () => {
    const config = (await admin.client.getConfig()) as Doc;
    config.LdapSettings.Enable = true;
    config.LdapSettings.LdapServer = 'ldap.example.com';
    (config.ServiceSettings as unknown as Record<string, unknown>).SomeFutureSetting = 'kept';
    config.FutureSettings = { Knob: 42, Nested: { List: ['a', 'b'] } };
    await admin.client.updateConfig(config);
    const again = (await admin.client.getConfig()) as Doc;
    expect(again.LdapSettings.LdapServer).toBe('ldap.example.com');
    expect(again.LdapSettings.Enable).toBe(true);
    expect((again.ServiceSettings as unknown as Record<string, unknown>).SomeFutureSetting).toBe('kept');
    expect(again.FutureSettings).toEqual({ Knob: 42, Nested: { List: ['a', 'b'] } });
  });

  it('masks secrets, and a masked value written back leaves the secret unchanged', async () => {
    const config = (await admin.client.getConfig()) as Doc;
    config.EmailSettings.SMTPPassword = 'hunter2-smtp';
    const saved = await admin.client.updateConfig(config);
    expect(saved.EmailSettings.SMTPPassword).toBe(MASK);
    const read = (await admin.client.getConfig()) as Doc;
    expect(read.EmailSettings.SMTPPassword).toBe(MASK);
    read.EmailSettings.SMTPServer = 'smtp.example.com';
    await admin.client.updateConfig(read);
    expect(server.app.deps.liveConfig.document.EmailSettings.SMTPPassword).toBe('hunter2-smtp');
    expect(server.app.deps.liveConfig.document.EmailSettings.SMTPServer).toBe('smtp.example.com');
    expect(JSON.stringify(await admin.client.getConfig())).not.toContain('hunter2');
  });

  it('patches only the keys given', async () => {
    const before = (await admin.client.getConfig()) as Doc;
    const res = await raw(server, 'PUT', '/config/patch', { token: admin.token, body: { PrivacySettings: { ShowFullName: false } } });
    expect(res.status).toBe(200);
    expect(res.body.PrivacySettings.ShowFullName).toBe(false);
    expect(res.body.PrivacySettings.ShowEmailAddress).toBe(before.PrivacySettings.ShowEmailAddress);
    expect(res.body.TeamSettings.SiteName).toBe(before.TeamSettings.SiteName);
    expect(server.app.config.showFullName).toBe(false);
    await raw(server, 'PUT', '/config/patch', { token: admin.token, body: { PrivacySettings: { ShowFullName: true } } });
  });

  it('applies implemented keys at once: password length and post size', async () => {
    const short = 'six6ix';
    const refused = await raw(server, 'POST', '/users', { body: { username: unique('pw').toLowerCase().slice(0, 20), email: `${unique('pw')}@example.com`, password: short } });
    expect(refused.status).toBe(400);
    expect(refused.body.id).toBe('model.user.is_valid.pwd_min_length.app_error');
    await raw(server, 'PUT', '/config/patch', { token: admin.token, body: { PasswordSettings: { MinimumLength: 5 } } });
    const accepted = await raw(server, 'POST', '/users', { body: { username: unique('pw').toLowerCase().slice(0, 20), email: `${unique('pw')}@example.com`, password: short } });
    expect(accepted.status).toBe(201);
    expect((await newClient(server).getClientConfig()).PasswordMinimumLength).toBe('5');

    await raw(server, 'PUT', '/config/patch', { token: admin.token, body: { ParleySettings: { MaxPostSize: 10 } } });
    const team = await admin.client.createTeam({ name: unique('cfg').toLowerCase(), display_name: 'Cfg', type: 'O' } as never);
    const channel = (await admin.client.getChannelByName(team.id, 'town-square'));
    const long = await raw(server, 'POST', '/posts', { token: admin.token, body: { channel_id: channel.id, message: 'x'.repeat(11) } });
    expect(long.status).toBe(400);
    await raw(server, 'PUT', '/config/patch', { token: admin.token, body: { ParleySettings: { MaxPostSize: 16383 }, PasswordSettings: { MinimumLength: 8 } } });
    const ok = await raw(server, 'POST', '/posts', { token: admin.token, body: { channel_id: channel.id, message: 'x'.repeat(11) } });
    expect(ok.status).toBe(201);

    expect((await newClient(server).getClientConfig()).CollapsedThreads).toBe('default_off');
    await admin.client.patchConfig({ ServiceSettings: { CollapsedThreads: 'always_on' as never } });
    expect((await newClient(server).getClientConfig()).CollapsedThreads).toBe('always_on');
    await admin.client.patchConfig({ ServiceSettings: { CollapsedThreads: 'default_off' as never } });
  });

  it('refuses invalid values with 400 naming the key, and changes nothing', async () => {
    const cases: [object, string][] = [
      [{ ServiceSettings: { SiteURL: 'not a url' } }, 'ServiceSettings.SiteURL'],
      [{ ServiceSettings: { MaximumLoginAttempts: 'ten' } }, 'ServiceSettings.MaximumLoginAttempts'],
      [{ ServiceSettings: { MaximumLoginAttempts: 0 } }, 'ServiceSettings.MaximumLoginAttempts'],
      [{ PasswordSettings: { MinimumLength: 4 } }, 'PasswordSettings.MinimumLength'],
      [{ TeamSettings: 'nope' }, 'TeamSettings'],
      [{ LogSettings: { ConsoleLevel: 'LOUD' } }, 'LogSettings.ConsoleLevel'],
      [{ ServiceSettings: { CollapsedThreads: 'sometimes' } }, 'ServiceSettings.CollapsedThreads'],
      [{ TeamSettings: { SiteName: 'x'.repeat(31) } }, 'TeamSettings.SiteName'],
    ];
    const before = JSON.stringify(await admin.client.getConfig());
    for (const [body, path] of cases) {
      const res = await raw(server, 'PUT', '/config/patch', { token: admin.token, body });
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(res.body.id).toBe('model.config.is_valid.app_error');
      expect(res.body.message).toContain(path);
    }
    const notObject = await raw(server, 'PUT', '/config', { token: admin.token, body: [1, 2] });
    expect(notObject.status).toBe(400);
    expect(JSON.stringify(await admin.client.getConfig())).toBe(before);
  });

  it('is for system admins only', async () => {
    for (const [method, path, body] of [
      ['GET', '/config', undefined], ['PUT', '/config', {}], ['PUT', '/config/patch', {}],
      ['POST', '/config/reload', undefined], ['GET', '/config/environment', undefined],
    ] as const) {
      expect((await raw(server, method, path, { token: member.token, body })).status, `${method} ${path}`).toBe(403);
      expect((await raw(server, method, path, { body })).status, `${method} ${path} anonymous`).toBe(401);
    }
    const client = await newClient(server).getClientConfig();
    expect(client.SiteURL).toBeDefined();
    expect(JSON.stringify(client)).not.toContain('hunter2');
  });

  it('lets a read-only admin read the document (secrets masked) but not change it', async () => {
    const reader = await createUser(server, 'cfgreader');
    expect((await raw(server, 'PUT', `/users/${reader.user.id}/roles`, { token: admin.token, body: { roles: 'system_user system_read_only_admin' } })).status).toBe(200);
    const read = await raw(server, 'GET', '/config', { token: reader.token });
    expect(read.status).toBe(200);
    expect(read.body.EmailSettings.SMTPPassword).toBe(MASK);
    expect((await raw(server, 'PUT', '/config/patch', { token: reader.token, body: { TeamSettings: { SiteName: 'Nope' } } })).status).toBe(403);
    expect(server.app.config.siteName).not.toBe('Nope');
  });

  it('records each change in the audit log', async () => {
    await raw(server, 'PUT', '/config/patch', { token: admin.token, body: { TeamSettings: { SiteName: 'Audited' } } });
    const audits = await raw(server, 'GET', '/audits?per_page=20', { token: admin.token });
    const record = (audits.body as { action: string; user_id: string; extra_info: string }[]).find((a) => a.action === 'config.update');
    expect(record?.user_id).toBe(admin.user.id);
    expect(record?.extra_info).toContain('TeamSettings.SiteName');
  });
});

describe('settings from the environment', () => {
  let locked: TestServer;
  let lockedAdmin: TestUser;
  beforeAll(async () => {
    locked = await startTestServer({}, { PARLEY_SITE_NAME: 'From Env', MM_SERVICESETTINGS_SITEURL: 'https://chat.example.com', MM_TEAMSETTINGS_MAXUSERSPERTEAM: '77' });
    lockedAdmin = await createUser(locked, 'envadmin');
  });
  afterAll(() => locked?.close());

  it('are reported by /config/environment and cannot be overwritten through the API', async () => {
    const environment = await lockedAdmin.client.getEnvironmentConfig() as unknown as Record<string, Record<string, boolean>>;
    expect(environment.TeamSettings.SiteName).toBe(true);
    expect(environment.ServiceSettings.SiteURL).toBe(true);
    expect(environment.TeamSettings.MaxUsersPerTeam).toBe(true);
    expect(environment.TeamSettings.EnableOpenServer).toBeUndefined();
    const config = (await lockedAdmin.client.getConfig()) as Doc;
    expect(config.TeamSettings.SiteName).toBe('From Env');
    expect(config.ServiceSettings.SiteURL).toBe('https://chat.example.com');
    expect(config.TeamSettings.MaxUsersPerTeam).toBe(77);
    config.TeamSettings.SiteName = 'From API';
    config.ServiceSettings.SiteURL = 'https://other.example.com';
    config.TeamSettings.EnableOpenServer = false;
    const saved = await lockedAdmin.client.updateConfig(config);
    expect(saved.TeamSettings.SiteName).toBe('From Env');
    expect(saved.ServiceSettings.SiteURL).toBe('https://chat.example.com');
    expect(saved.TeamSettings.EnableOpenServer).toBe(false);
    expect(locked.app.config.siteName).toBe('From Env');
    await lockedAdmin.client.reloadConfig();
    expect((await lockedAdmin.client.getConfig()).TeamSettings.EnableOpenServer).toBe(false);
  });
});
