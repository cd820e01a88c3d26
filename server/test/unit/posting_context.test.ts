import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { AppDeps } from '../../src/app/deps.js';
import { PostingContexts } from '../../src/app/posting_context.js';
import { LocalEventBus } from '../../src/cluster/local_bus.js';
import { settingsFor } from '../../src/app/admin/config.js';
import { loadConfig } from '../../src/config/load.js';
import { makeEvent } from '../../src/model/events.js';
import type { ChannelMembership, ChannelRecord, UserRecord } from '../../src/model/types.js';
import type { PostCreationContext } from '../../src/store/posts.js';
import type { Store } from '../../src/store/store.js';

// The posting-context cache against a counting fake store: what it keeps,
// what each bus event drops, and the load that races an invalidation.

const LOOKUP = { usernames: [], words: ['hello'] };

function contextOf(channelId: string, userId: string): PostCreationContext {
  return {
    channel: { id: channelId, team_id: 'team', type: 'O', name: 'c', display_name: 'C', delete_at: 0 } as ChannelRecord,
    member: { channel_id: channelId, user_id: userId, roles: '', scheme_user: true, scheme_admin: false } as unknown as ChannelMembership,
    author: { id: userId, username: `u${userId}` } as UserRecord,
    mentionCandidates: [],
  };
}

function setup() {
  const reads = { full: 0, candidates: 0 };
  let nextFull: ((channelId: string, userId: string) => Promise<PostCreationContext>) | undefined;
  const store = {
    posts: {
      creationContext: (channelId: string, userId: string) => {
        reads.full++;
        return nextFull ? nextFull(channelId, userId) : Promise.resolve(contextOf(channelId, userId));
      },
      mentionCandidates: async () => {
        reads.candidates++;
        return [];
      },
    },
  } as unknown as Store;
  const bus = new LocalEventBus();
  const deps: AppDeps = { store, bus, ...settingsFor(loadConfig({}, {})), log: { info() {}, warn() {}, error() {} }, mailer: { send: () => Promise.reject(new Error('no email in this test')), close: () => undefined }, openFileBackend: () => { throw new Error('no files in this test'); }, outbound: { fetchGuarded: () => Promise.reject(new Error('no outbound requests in this test')) } };
  return {
    contexts: new PostingContexts(deps), bus, reads,
    loadWith(load: typeof nextFull) {
      nextFull = load;
    },
  };
}

describe('PostingContexts', () => {
  let env: ReturnType<typeof setup>;
  beforeEach(() => {
    env = setup();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('reads everything once, then only the mention candidates', async () => {
    const first = await env.contexts.read('c1', 'u1', LOOKUP);
    const second = await env.contexts.read('c1', 'u1', LOOKUP);
    expect(env.reads).toEqual({ full: 1, candidates: 1 });
    expect(second.member).toEqual(first.member);
    await env.contexts.read('c1', 'u2', LOOKUP);
    expect(env.reads.full).toBe(2);
  });

  it('keeps nothing for a non-member', async () => {
    env.loadWith(async (c, u) => ({ ...contextOf(c, u), member: undefined }));
    await env.contexts.read('c1', 'u1', LOOKUP);
    await env.contexts.read('c1', 'u1', LOOKUP);
    expect(env.reads).toEqual({ full: 2, candidates: 0 });
  });

  it('reads again after 30 s, whatever the bus said', async () => {
    vi.useFakeTimers();
    await env.contexts.read('c1', 'u1', LOOKUP);
    vi.advanceTimersByTime(30_001);
    await env.contexts.read('c1', 'u1', LOOKUP);
    expect(env.reads.full).toBe(2);
  });

  it('drops the channel\'s posters on channel events, and only those', async () => {
    for (const event of ['channel_updated', 'channel_converted', 'channel_deleted', 'channel_restored']) {
      await env.contexts.read('c1', 'u1', LOOKUP);
      await env.contexts.read('c2', 'u1', LOOKUP);
      const before = env.reads.full;
      env.bus.publish(makeEvent(event, { channel_id: 'c1' }, { channel_id: 'c1' }));
      await env.contexts.read('c1', 'u1', LOOKUP);
      await env.contexts.read('c2', 'u1', LOOKUP);
      expect(env.reads.full, event).toBe(before + 1);
    }
  });

  it('drops only the removed member\'s poster on user_removed', async () => {
    await env.contexts.read('c1', 'u1', LOOKUP);
    await env.contexts.read('c1', 'u2', LOOKUP);
    await env.contexts.read('c2', 'u1', LOOKUP);
    env.bus.publish(makeEvent('user_removed', { user_id: 'u1', remover_id: 'u2' }, { channel_id: 'c1' }));
    const before = env.reads.full;
    await env.contexts.read('c1', 'u1', LOOKUP);
    await env.contexts.read('c1', 'u2', LOOKUP);
    await env.contexts.read('c2', 'u1', LOOKUP);
    expect(env.reads.full).toBe(before + 1);
  });

  it('drops a user\'s posters on user, role and team-membership events', async () => {
    const events = [
      makeEvent('user_updated', { user: { id: 'u1' } }, {}),
      makeEvent('channel_member_updated', { channelMember: '{}' }, { user_id: 'u1' }),
      makeEvent('memberrole_updated', { member: '{}' }, { user_id: 'u1' }),
      makeEvent('leave_team', { team_id: 'team', user_id: 'u1' }, { team_id: 'team' }),
    ];
    for (const event of events) {
      await env.contexts.read('c1', 'u1', LOOKUP);
      await env.contexts.read('c1', 'u2', LOOKUP);
      const before = env.reads.full;
      env.bus.publish(event);
      await env.contexts.read('c1', 'u1', LOOKUP);
      await env.contexts.read('c1', 'u2', LOOKUP);
      expect(env.reads.full, event.event).toBe(before + 1);
    }
  });

  it('uses a load that raced an invalidation once, but does not keep it', async () => {
    let finish: (() => void) | undefined;
    env.loadWith((c, u) => new Promise((resolve) => {
      finish = () => resolve(contextOf(c, u));
    }));
    const loading = env.contexts.read('c1', 'u1', LOOKUP);
    env.bus.publish(makeEvent('user_removed', { user_id: 'u1', remover_id: 'u2' }, { channel_id: 'c1' }));
    finish?.();
    expect((await loading).member?.user_id).toBe('u1');
    env.loadWith(undefined);
    await env.contexts.read('c1', 'u1', LOOKUP);
    expect(env.reads.full).toBe(2);
  });
});
