import type { AdminConfig } from '@mattermost/types/config';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUser, newClient, startTestServer, type TestServer, type TestUser } from '../../harness.js';

let server: TestServer;
let admin: TestUser;

beforeAll(async () => {
  server = await startTestServer();
  admin = await createUser(server, 'intcfgadmin');
});
afterAll(() => server?.close());

const KEYS = [
  'EnableIncomingWebhooks', 'EnableOutgoingWebhooks', 'EnableCommands', 'EnableOAuthServiceProvider', 'EnablePostUsernameOverride',
  'EnablePostIconOverride', 'EnableUserAccessTokens', 'EnableBotAccountCreation',
] as const;

describe('client config: the integration settings the web client decides on', () => {
  it('reports each key as the config document has it, and follows a change', async () => {
    const before = await newClient(server).getClientConfig();
    const document = server.app.deps.liveConfig.document.ServiceSettings as unknown as Record<string, boolean>;
    for (const key of KEYS) expect(before[key], key).toBe(String(document[key]));

    const flipped = Object.fromEntries(KEYS.map((key) => [key, !document[key]]));
    await admin.client.patchConfig({ ServiceSettings: flipped } as unknown as AdminConfig);
    const after = await newClient(server).getClientConfig();
    for (const key of KEYS) expect(after[key], key).toBe(String(flipped[key]));
  });
});
