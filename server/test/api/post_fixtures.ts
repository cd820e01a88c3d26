import type { Channel } from '@mattermost/types/channels';
import type { Post } from '@mattermost/types/posts';
import type { Team } from '@mattermost/types/teams';
import { afterAll, beforeAll } from 'vitest';
import type { ServerEvent } from '../../src/model/events.js';
import { createUser, startTestServer, type TestServer, type TestUser } from '../harness.js';
import { newChannel, newTeam, recordEvents } from '../team_fixtures.js';

// Shared set-up for the post, thread, reaction and unread tests: a team whose
// members are plain users (the server's first account, its admin, is made first).

export interface TeamWorld {
  team: Team;
  owner: TestUser;
  members: TestUser[];
}

export async function ensureAdmin(server: TestServer): Promise<TestUser> {
  return createUser(server, 'admin');
}

/** A new open team created by a plain user, with `count` more plain users in it. */
export async function teamWith(server: TestServer, count: number): Promise<TeamWorld> {
  const owner = await createUser(server, 'owner');
  const team = await newTeam(owner.client);
  const members: TestUser[] = [];
  for (let i = 0; i < count; i++) {
    const member = await createUser(server, 'member');
    await owner.client.addToTeam(team.id, member.user.id);
    members.push(member);
  }
  return { team, owner, members };
}

/** A channel in the team created by `creator`, with `members` added to it. */
export async function channelWith(creator: TestUser, teamId: string, members: readonly TestUser[], type: 'O' | 'P' = 'O'): Promise<Channel> {
  const channel = await newChannel(creator.client, teamId, type);
  for (const member of members) await creator.client.addToChannel(member.user.id, channel.id);
  return channel;
}

export function post(user: TestUser, channelId: string, message: string, extra: Partial<Post> = {}): Promise<Post> {
  return user.client.createPost({ channel_id: channelId, message, ...extra } as Post);
}

/** What a post suite shares: its server, a team world, and every event published on the server's bus. */
export interface PostSuite {
  server: TestServer;
  world: TeamWorld;
  events: ServerEvent[];
}

/**
 * Registers a test file's set-up: a server with its admin and a team of `members` plain users, started before the
 * file's tests and closed after them. The fields are filled in by the time the tests run.
 */
export function usePostSuite(members: number): PostSuite {
  const suite = {} as PostSuite;
  beforeAll(async () => {
    suite.server = await startTestServer();
    await ensureAdmin(suite.server);
    suite.world = await teamWith(suite.server, members);
    suite.events = recordEvents(suite.server).events;
  });
  afterAll(async () => {
    await suite.server?.close();
  });
  return suite;
}
