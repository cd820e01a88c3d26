import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newId } from '../../src/model/id.js';
import { createUser, raw, startTestServer, type TestServer, type TestUser } from '../harness.js';
import { newTeam } from '../team_fixtures.js';

// Creating a sidebar category renumbers every category the user has in the team, so their number is bounded (200,
// the defaults included, as many as one update may carry) or each create would cost more than the last.

let server: TestServer;
let user: TestUser;

beforeAll(async () => {
  server = await startTestServer();
  user = await createUser(server, 'sorter');
});
afterAll(async () => {
  await server?.close();
});

describe('sidebar categories one user may have in a team', () => {
  it('refuses the 201st, and takes a new one again once one is deleted', async () => {
    const team = await newTeam(user.client);
    const base = `/users/me/teams/${team.id}/channels/categories`;
    const create = (name: string) => raw(server, 'POST', base, { token: user.token, body: { user_id: user.user.id, team_id: team.id, display_name: name } });
    // The three defaults exist after the first read; 196 more are written straight to the store, to keep the test quick.
    expect((await raw(server, 'GET', base, { token: user.token })).status).toBe(200);
    for (let i = 0; i < 196; i++) {
      await server.app.deps.store.categories.save({
        id: newId(), user_id: user.user.id, team_id: team.id, type: 'custom', display_name: `Filler ${i}`, sorting: '', muted: false, collapsed: false, sort_order: 1000 + i,
      });
    }
    const last = await create('The 200th');
    expect(last.status).toBe(201);
    const refused = await create('One too many');
    expect(refused.status).toBe(400);
    expect(refused.body.id).toBe('api.category.create.limit.app_error');
    expect((await raw(server, 'DELETE', `${base}/${last.body.id}`, { token: user.token })).status).toBe(200);
    expect((await create('Room again')).status).toBe(201);
  });
});
