import type { Channel } from '@mattermost/types/channels';
import type { Team } from '@mattermost/types/teams';
import { afterAll, afterEach, beforeAll } from 'vitest';
import type { Config } from '../src/config/schema.js';
import { createUser, startTestServer, unique, type TestServer, type TestUser } from './harness.js';
import { RawSocket, wsUrl, WsUser, type WsEvent } from './ws_client.js';

/** How long a negative test waits for an event that must not come (after a positive control arrived). */
export const QUIET_MS = 300;

/** True for an event that reveals anything about the channel. */
export const about = (channelId: string) => (e: WsEvent): boolean =>
  e.broadcast.channel_id === channelId || JSON.stringify(e.data).includes(channelId);

/**
 * Teams, channels and sockets for real-time tests on one server (or several
 * nodes of a cluster): an admin who owns the teams, and every socket opened
 * remembered so it can be closed after each test.
 */
export class WsWorld {
  private readonly sockets: { close(): void }[] = [];

  private constructor(readonly server: { url: string }, readonly admin: TestUser) {}

  static async start(server: { url: string }): Promise<WsWorld> {
    return new WsWorld(server, await createUser(server, 'wsadmin'));
  }

  track<T extends { close(): void }>(socket: T): T {
    this.sockets.push(socket);
    return socket;
  }

  /** The user's official WebSocketClient, connected (hello received) to `node`. */
  async listen(user: TestUser, node: { url: string } = this.server): Promise<WsUser> {
    const ws = this.track(new WsUser(node, user.token));
    await ws.connect();
    return ws;
  }

  rawSocket(query = '', options = {}, node: { url: string } = this.server): RawSocket {
    return this.track(new RawSocket(`${wsUrl(node)}${query}`, options));
  }

  /** A raw socket authenticated by header on the upgrade. */
  authedSocket(token: string, query = '', node: { url: string } = this.server): RawSocket {
    return this.rawSocket(query, { headers: { Authorization: `Bearer ${token}` } }, node);
  }

  /** A team with `count` fresh members. */
  async teamWith(count: number): Promise<{ team: Team; users: TestUser[] }> {
    const name = unique('wst').toLowerCase();
    const team = await this.admin.client.createTeam({ name, display_name: name, type: 'O' } as Team);
    const users: TestUser[] = [];
    for (let i = 0; i < count; i++) {
      const user = await createUser(this.server, 'ws');
      await this.admin.client.addToTeam(team.id, user.user.id);
      users.push(user);
    }
    return { team, users };
  }

  async channelOf(owner: TestUser, teamId: string, type: 'O' | 'P', members: TestUser[]): Promise<Channel> {
    const name = unique('wsc').toLowerCase();
    const channel = await owner.client.createChannel({ team_id: teamId, name, display_name: name, type });
    for (const member of members) await owner.client.addToChannel(member.user.id, channel.id);
    return channel;
  }

  closeSockets(): void {
    for (const socket of this.sockets.splice(0)) socket.close();
  }
}

/** What a real-time suite shares: its server and the world of users and sockets on it. */
export interface WsSuite {
  server: TestServer;
  world: WsWorld;
}

/**
 * Registers a test file's set-up: a server (with `config` overrides) and its WsWorld, started before the file's
 * tests; each test's sockets are closed after it, and the server after the file.
 */
export function useWsSuite(config: Partial<Config> = {}): WsSuite {
  const suite = {} as WsSuite;
  beforeAll(async () => {
    suite.server = await startTestServer(config);
    suite.world = await WsWorld.start(suite.server);
  });
  afterEach(() => suite.world.closeSockets());
  afterAll(async () => {
    await suite.server?.close();
  });
  return suite;
}
