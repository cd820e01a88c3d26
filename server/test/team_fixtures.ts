import type { Client4 } from '@mattermost/client';
import type { Channel } from '@mattermost/types/channels';
import type { Team } from '@mattermost/types/teams';
import type { ServerEvent } from '../src/model/events.js';
import { newId } from '../src/model/id.js';
import type { PostRecord } from '../src/model/types.js';
import { unique, type TestServer } from './harness.js';

// Small builders shared by the team, channel, sidebar and permission suites.

export function newTeam(client: Client4, type: 'O' | 'I' = 'O'): Promise<Team> {
  const name = unique('team').toLowerCase();
  return client.createTeam({ name, display_name: `Team ${name}`, type } as Team);
}

export function newChannel(client: Client4, teamId: string, type: 'O' | 'P' = 'O', displayName?: string): Promise<Channel> {
  const name = unique('chan').toLowerCase();
  return client.createChannel({ team_id: teamId, name, display_name: displayName ?? `Channel ${name}`, type } as Channel);
}

/** A post written straight through the store, bypassing the post API's rules and clock: defaults for every field not given. */
export async function storePost(server: TestServer, fields: Partial<PostRecord> & Pick<PostRecord, 'channel_id'>, mentioned: string[] = []): Promise<PostRecord> {
  const now = Date.now();
  const record: PostRecord = {
    id: newId(), create_at: now, update_at: now, edit_at: 0, delete_at: 0, is_pinned: false, user_id: newId(), root_id: '', original_id: '',
    message: 'counted', type: '', props: {}, hashtags: '', file_ids: [], pending_post_id: '', has_reactions: false, ...fields,
  };
  await server.app.deps.store.posts.create(record, mentioned);
  return record;
}

/**
 * Posts are another service's concern; these suites write posts straight through the store, by an author who is
 * not a member, to check the unread maths without depending on the post API.
 */
export async function countPosts(server: TestServer, channelId: string, count: number, mentioned: string[] = []): Promise<void> {
  for (let i = 0; i < count; i++) await storePost(server, { channel_id: channelId }, mentioned);
}

/** Records every event published on the server's bus until stopped. */
export function recordEvents(server: TestServer): { events: ServerEvent[]; stop: () => void } {
  const events: ServerEvent[] = [];
  const stop = server.app.deps.bus.subscribe((event) => events.push(event));
  return { events, stop };
}
