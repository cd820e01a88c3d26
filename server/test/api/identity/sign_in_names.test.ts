import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUser, raw, startTestServer, type TestServer, type TestUser } from '../../harness.js';

let server: TestServer;
let admin: TestUser;
beforeAll(async () => {
  server = await startTestServer();
  admin = await createUser(server, 'namesadmin');
});
afterAll(() => server?.close());

async function setNames(email: boolean, username: boolean): Promise<void> {
  const config = await admin.client.getConfig();
  config.EmailSettings.EnableSignInWithEmail = email;
  config.EmailSettings.EnableSignInWithUsername = username;
  await admin.client.updateConfig(config);
}

const login = (loginId: string, password: string) => raw(server, 'POST', '/users/login', { body: { login_id: loginId, password } });

describe('EmailSettings.EnableSignInWithEmail / EnableSignInWithUsername', () => {
  afterAll(() => setNames(true, true));

  it('accepts only the login ids the settings allow, and words the refusal after them', async () => {
    const user = await createUser(server, 'names');
    await setNames(true, false);
    expect((await login(user.user.email, user.password)).status).toBe(200);
    const byName = await login(user.user.username, user.password);
    expect([byName.status, byName.body.id]).toEqual([401, 'api.user.login.invalid_credentials_email']);

    await setNames(false, true);
    expect((await login(user.user.username, user.password)).status).toBe(200);
    const byEmail = await login(user.user.email, user.password);
    expect([byEmail.status, byEmail.body.id]).toEqual([401, 'api.user.login.invalid_credentials_username']);
  });
});
