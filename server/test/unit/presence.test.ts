import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { AppDeps } from '../../src/app/deps.js';
import { MembershipCache } from '../../src/app/membership_cache.js';
import { PresenceService, RECONCILE_AFTER_MS } from '../../src/app/presence.js';
import { StatusService } from '../../src/app/statuses.js';
import { LocalEventBus } from '../../src/cluster/local_bus.js';
import { settingsFor } from '../../src/app/admin/config.js';
import { loadConfig } from '../../src/config/load.js';
import { makeEvent, type ServerEvent } from '../../src/model/events.js';
import { newId } from '../../src/model/id.js';
import type { StatusRecord } from '../../src/model/types.js';
import type { Store } from '../../src/store/store.js';

const MINUTE = 60_000;
const GRACE_MS = 5_000;

/** Presence against an in-memory status table and a fake clock. */
function setup(): { presence: PresenceService; statuses: StatusService; bus: LocalEventBus; saved: Map<string, StatusRecord>; events: ServerEvent[] } {
  const saved = new Map<string, StatusRecord>();
  const store = {
    statuses: {
      get: async (id: string) => saved.get(id),
      getMany: async (ids: readonly string[]) => ids.flatMap((id) => saved.get(id) ?? []),
      save: async (status: StatusRecord) => void saved.set(status.user_id, { ...status }),
      listNotOffline: async () => [...saved.values()].filter((s) => s.status !== 'offline'),
    },
  } as unknown as Store;
  const bus = new LocalEventBus();
  const events: ServerEvent[] = [];
  bus.subscribe((e) => events.push(e));
  const config = loadConfig({}, { awayAfterMinutes: 1, offlineGraceMs: GRACE_MS });
  const deps: AppDeps = { store, bus, ...settingsFor(config), log: { info() {}, warn() {}, error() {} }, mailer: { send: () => Promise.reject(new Error('no email in this test')), close: () => undefined }, openFileBackend: () => { throw new Error('no files in this test'); }, outbound: { fetchGuarded: () => Promise.reject(new Error('no outbound requests in this test')) } };
  const statuses = new StatusService(deps);
  return { presence: new PresenceService(deps, statuses, new MembershipCache(deps)), statuses, bus, saved, events };
}

describe('presence', () => {
  let env: ReturnType<typeof setup>;
  const user = newId();
  const status = (): string | undefined => env.saved.get(user)?.status;

  beforeEach(() => {
    vi.useFakeTimers();
    env = setup();
  });
  afterEach(async () => {
    await env.presence.close();
    vi.useRealTimers();
  });

  it('goes online on the first socket, away after the idle time, online again on activity', async () => {
    env.presence.connected(user);
    await vi.advanceTimersByTimeAsync(0);
    expect(status()).toBe('online');
    await vi.advanceTimersByTimeAsync(MINUTE + 30_000);
    expect(status()).toBe('away');
    env.presence.activity(user);
    await vi.advanceTimersByTimeAsync(0);
    expect(status()).toBe('online');
    expect(env.events.filter((e) => e.event === 'status_change').map((e) => e.data.status)).toEqual(['online', 'away', 'online']);
  });

  it('counts a new socket of an away user as activity', async () => {
    env.presence.connected(user);
    await vi.advanceTimersByTimeAsync(MINUTE + 30_000);
    expect(status()).toBe('away');
    env.presence.connected(user);
    await vi.advanceTimersByTimeAsync(0);
    expect(status()).toBe('online');
  });

  it('counts a post by the user (seen on the bus) as activity', async () => {
    env.presence.connected(user);
    await vi.advanceTimersByTimeAsync(MINUTE + 30_000);
    expect(status()).toBe('away');
    env.bus.publish(makeEvent('posted', { post: JSON.stringify({ id: newId(), user_id: user }), set_online: true }, { channel_id: newId() }));
    await vi.advanceTimersByTimeAsync(0);
    expect(status()).toBe('online');
  });

  it('goes offline only after the grace period, and not at all if a socket comes back', async () => {
    env.presence.connected(user);
    env.presence.connected(user);
    env.presence.disconnected(user);
    await vi.advanceTimersByTimeAsync(GRACE_MS * 2);
    expect(status()).toBe('online');
    env.presence.disconnected(user);
    await vi.advanceTimersByTimeAsync(GRACE_MS / 2);
    env.presence.connected(user);
    await vi.advanceTimersByTimeAsync(GRACE_MS * 2);
    expect(status()).toBe('online');
    env.presence.disconnected(user);
    await vi.advanceTimersByTimeAsync(GRACE_MS - 100);
    expect(status()).toBe('online');
    await vi.advanceTimersByTimeAsync(200);
    expect(status()).toBe('offline');
  });

  it('leaves a manual status alone', async () => {
    await env.statuses.setManual(user, 'dnd');
    env.presence.connected(user);
    await vi.advanceTimersByTimeAsync(MINUTE * 2);
    env.presence.disconnected(user);
    await vi.advanceTimersByTimeAsync(GRACE_MS * 2);
    expect(env.saved.get(user)).toMatchObject({ status: 'dnd', manual: true });
  });

  it('turns an automatic "inactive" into away only once the user has really been idle', async () => {
    env.presence.connected(user);
    await env.presence.reportActive(user, false, false);
    await vi.advanceTimersByTimeAsync(0);
    expect(status()).toBe('online');
    vi.setSystemTime(Date.now() + MINUTE);
    await env.presence.reportActive(user, false, false);
    expect(status()).toBe('away');
  });

  it('clears, a while after start, the automatic statuses of users who did not reconnect', async () => {
    const [gone, back, busy] = [newId(), newId(), newId()];
    for (const id of [gone, back]) env.saved.set(id, { user_id: id, status: 'online', manual: false, last_activity_at: 1, dnd_end_time: 0 });
    env.saved.set(busy, { user_id: busy, status: 'dnd', manual: true, last_activity_at: 1, dnd_end_time: 0 });
    env.presence.connected(back);
    await vi.advanceTimersByTimeAsync(RECONCILE_AFTER_MS);
    expect(env.saved.get(gone)?.status).toBe('offline');
    expect(env.saved.get(back)?.status).not.toBe('offline');
    expect(env.saved.get(busy)?.status).toBe('dnd');
  });

  it('puts a user back online when another node marks them offline while this node holds their socket', async () => {
    env.presence.connected(user);
    await vi.advanceTimersByTimeAsync(0);
    await env.statuses.setAutomatic(user, 'offline');
    await vi.advanceTimersByTimeAsync(0);
    expect(status()).toBe('online');
  });
});
