import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUser, raw, startTestServer, unique, type TestServer, type TestUser } from '../../harness.js';

let server: TestServer;
let admin: TestUser;
let member: TestUser;

// Errors only: the log this suite reads is real (stdout gets the same lines), and quiet otherwise.
beforeAll(async () => {
  server = await startTestServer({ logLevel: 'error' });
  admin = await createUser(server, 'logadmin');
  member = await createUser(server, 'logmember');
});
afterAll(async () => server?.close());

describe('server logs', () => {
  it('GET /logs returns the lines the server wrote, each a JSON string, oldest first', async () => {
    const marker = unique('marker');
    const posted = await raw(server, 'POST', '/logs', { token: admin.token, body: { level: 'ERROR', message: marker } });
    expect(posted.status).toBe(200);
    expect(posted.body).toEqual({ level: 'ERROR', message: `Client Logs API Endpoint Message: ${marker}` });

    const res = await raw(server, 'GET', '/logs?page=0&logs_per_page=100', { token: admin.token });
    expect(res.status).toBe(200);
    const lines = res.body as string[];
    const line = lines.find((l) => l.includes(marker));
    expect(line).toBeDefined();
    expect(JSON.parse(line as string)).toMatchObject({ level: 50, msg: `Client Logs API Endpoint Message: ${marker}`, user_id: admin.user.id });
    expect(lines.at(-1)).toBe(line);
    expect((await admin.client.getPlainLogs(0, 10)).some((l: string) => l.includes(marker))).toBe(true);
  });

  it('POST /logs/query answers parsed entries by node, filtered by level', async () => {
    const marker = unique('query');
    await raw(server, 'POST', '/logs', { token: admin.token, body: { level: 'ERROR', message: marker } });
    const res = await raw(server, 'POST', '/logs/query', { token: admin.token, body: { log_levels: ['error'] } });
    expect(res.status).toBe(200);
    const nodes = Object.values(res.body as Record<string, { msg: string; level: string; timestamp: string }[]>);
    expect(nodes).toHaveLength(1);
    const entry = nodes[0].find((e) => e.msg.includes(marker));
    expect(entry).toMatchObject({ level: 'error' });
    expect(entry?.timestamp).toMatch(/^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d\.\d{3} Z$/);
    const infoOnly = await raw(server, 'POST', '/logs/query', { token: admin.token, body: { log_levels: ['info'] } });
    expect(JSON.stringify(infoOnly.body)).not.toContain(marker);
  });

  it('writes nothing for a non-admin or anonymous client, and refuses them the log', async () => {
    const marker = unique('quiet');
    expect((await raw(server, 'POST', '/logs', { token: member.token, body: { level: 'ERROR', message: marker } })).status).toBe(200);
    expect((await raw(server, 'POST', '/logs', { body: { level: 'ERROR', message: marker } })).status).toBe(200);
    const res = await raw(server, 'GET', '/logs', { token: admin.token });
    expect((res.body as string[]).some((l) => l.includes(marker))).toBe(false);

    expect((await raw(server, 'GET', '/logs', { token: member.token })).status).toBe(403);
    expect((await raw(server, 'POST', '/logs/query', { token: member.token, body: {} })).status).toBe(403);
    expect((await raw(server, 'GET', '/logs')).status).toBe(401);
  });

  it('bad paging and filters are a 400', async () => {
    expect((await raw(server, 'GET', '/logs?logs_per_page=many', { token: admin.token })).status).toBe(400);
    expect((await raw(server, 'GET', '/logs?page=-1', { token: admin.token })).status).toBe(400);
    expect((await raw(server, 'POST', '/logs/query', { token: admin.token, body: { log_levels: 'error' } })).status).toBe(400);
  });
});
