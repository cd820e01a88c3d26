import type { Channel } from '@mattermost/types/channels';
import type { Post } from '@mattermost/types/posts';
import type { Team } from '@mattermost/types/teams';
import { createUser, type TestServer, type TestUser } from '../harness.js';
import { newChannel, newTeam } from '../team_fixtures.js';

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
