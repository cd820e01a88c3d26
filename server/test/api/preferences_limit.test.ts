import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUser, raw, startTestServer, type TestServer, type TestUser } from '../harness.js';

// Every client reads all of a user's preferences at once, so what one user may store is bounded (4 Mi characters),
// or a script could make that one answer gigabytes. A write past the bound is refused whole.

let server: TestServer;
let user: TestUser;

beforeAll(async () => {
  server = await startTestServer();
  user = await createUser(server, 'hoarder');
});
afterAll(async () => {
  await server?.close();
});

const batch = (from: number) => Array.from({ length: 100 }, (_, i) => ({
  user_id: user.user.id, category: 'hoard', name: `n${String(from + i).padStart(6, '0')}`, value: 'v'.repeat(2000),
}));

describe('preferences one user may store', () => {
  it('refuses the write that would pass 4 Mi characters, stores none of it, and takes writes again after deletions', async () => {
    // 20 batches of 100 values of 2,000 characters (plus names): about 4.04 million characters, under the bound.
    for (let b = 0; b < 20; b++) {
      expect((await raw(server, 'PUT', '/users/me/preferences', { token: user.token, body: batch(b * 100) })).status).toBe(200);
    }
    const over = await raw(server, 'PUT', '/users/me/preferences', { token: user.token, body: batch(2000) });
    expect(over.status).toBe(400);
    expect(over.body.id).toBe('api.preference.update_preferences.limit.app_error');
    const stored = await raw(server, 'GET', '/users/me/preferences/hoard', { token: user.token });
    expect(stored.body).toHaveLength(2000);
    // Small changes to what is there still go through; so does more, once some is deleted.
    expect((await raw(server, 'PUT', '/users/me/preferences', { token: user.token, body: [{ ...batch(0)[0], value: 'short' }] })).status).toBe(200);
    expect((await raw(server, 'POST', '/users/me/preferences/delete', { token: user.token, body: batch(100) })).status).toBe(200);
    expect((await raw(server, 'PUT', '/users/me/preferences', { token: user.token, body: batch(2000) })).status).toBe(200);
  });
});
