import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { UserProfile } from '@mattermost/types/users';
import type { UserStatus } from '@mattermost/types/users';
import { client } from '../src/api/client';
import { pollStatuses, startStatusPolling, STATUS_POLL_MS, stopStatusPolling } from '../src/realtime/status_poller';
import { getState, initialState, setState } from '../src/store/store';

const user = (id: string) => ({ id, username: id, delete_at: 0 }) as UserProfile;

beforeEach(() => {
  setState({ ...initialState, users: Object.fromEntries(Array.from({ length: 250 }, (_, i) => [`u${i}`, user(`u${i}`)])) });
});
afterEach(() => {
  stopStatusPolling();
  vi.restoreAllMocks();
  vi.useRealTimers();
});

const answerOnline = () => vi.spyOn(client, 'getStatusesByIds').mockImplementation(async (ids: string[]) =>
  ids.map((id) => ({ user_id: id, status: 'online' }) as UserStatus));

describe('status polling', () => {
  it('asks for every known user in bounded batches and stores the answers', async () => {
    const spy = answerOnline();
    await pollStatuses();
    expect(spy.mock.calls.map(([ids]) => ids.length)).toEqual([200, 50]);
    expect(Object.values(getState().statuses)).toHaveLength(250);
    expect(getState().statuses.u249).toBe('online');
  });

  it('polls once a minute while started, and not after it stops', async () => {
    vi.useFakeTimers();
    const spy = answerOnline();
    startStatusPolling();
    await vi.advanceTimersByTimeAsync(STATUS_POLL_MS - 1);
    expect(spy).not.toHaveBeenCalled();
    await vi.advanceTimersByTimeAsync(1);
    expect(spy).toHaveBeenCalledTimes(2);
    stopStatusPolling();
    await vi.advanceTimersByTimeAsync(STATUS_POLL_MS * 3);
    expect(spy).toHaveBeenCalledTimes(2);
  });
});
