import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUser, raw, startTestServer, unique, type TestServer, type TestUser } from '../../harness.js';

let server: TestServer;
let admin: TestUser;
beforeAll(async () => {
  server = await startTestServer();
  admin = await createUser(server, 'pwadmin');
});
afterAll(() => server?.close());

async function setPolicy(policy: Partial<Record<'MinimumLength' | 'Lowercase' | 'Uppercase' | 'Number' | 'Symbol', number | boolean>>): Promise<void> {
  const config = await admin.client.getConfig();
  Object.assign(config.PasswordSettings, { MinimumLength: 8, Lowercase: false, Uppercase: false, Number: false, Symbol: false, ...policy });
  await admin.client.updateConfig(config);
}

const signUp = (password: string) => {
  const username = unique('pw').toLowerCase();
  return raw(server, 'POST', '/users', { body: { username, email: `${username}@example.com`, password } });
};

describe('PasswordSettings', () => {
  afterAll(() => setPolicy({}));

  it('names every required kind of character in the error id, as upstream', async () => {
    await setPolicy({ MinimumLength: 10, Lowercase: true, Uppercase: true, Number: true, Symbol: true });
    const refused = await signUp('alllowercaseletters');
    expect([refused.status, refused.body.id]).toEqual([400, 'model.user.is_valid.pwd_lowercase_uppercase_number_symbol.app_error']);
    expect(refused.body.message).toContain('one uppercase letter');
    expect((await signUp('Sh0rt!')).body.id).toBe('model.user.is_valid.pwd_min_length.app_error');
    expect((await signUp('Long-enough-1')).status).toBe(201);
  });

  it('asks only for the kinds it requires', async () => {
    await setPolicy({ Number: true });
    expect((await signUp('no-digits-here')).body.id).toBe('model.user.is_valid.pwd_number.app_error');
    expect((await signUp('digits-here-42')).status).toBe(201);
    await setPolicy({ Uppercase: true, Symbol: true });
    expect((await signUp('UPPERCASEONLY')).body.id).toBe('model.user.is_valid.pwd_uppercase_symbol.app_error');
    expect((await signUp('UPPER CASE')).status).toBe(201);
  });

  it('holds for password changes as for sign-up', async () => {
    await setPolicy({});
    const user = await createUser(server, 'changer');
    await setPolicy({ Symbol: true });
    const refused = await raw(server, 'PUT', '/users/me/password', { token: user.token, body: { current_password: user.password, new_password: 'nosymbolsatall' } });
    expect([refused.status, refused.body.id]).toEqual([400, 'model.user.is_valid.pwd_symbol.app_error']);
    const accepted = await raw(server, 'PUT', '/users/me/password', { token: user.token, body: { current_password: user.password, new_password: 'a symbol: yes' } });
    expect(accepted.status).toBe(200);
  });
});
