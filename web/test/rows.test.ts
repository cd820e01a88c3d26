import { describe, expect, it } from 'vitest';
import { buildRows, startOfDay } from '../src/features/posts/rows';
import { post } from './fixtures';

const day1 = new Date(2025, 0, 10, 9, 0).getTime();
const day2 = new Date(2025, 0, 11, 9, 0).getTime();

describe('message list rows', () => {
  it('puts a date line before the first post of each day', () => {
    const rows = buildRows([post({ id: 'a', create_at: day1 }), post({ id: 'b', create_at: day2 })], { newSince: Infinity, myUserId: 'me' });
    expect(rows.map((r) => r.kind)).toEqual(['date', 'post', 'date', 'post']);
    expect(rows[0]).toMatchObject({ day: startOfDay(day1) });
  });

  it('groups consecutive posts of one person within five minutes', () => {
    const rows = buildRows(
      [
        post({ id: 'a', create_at: day1 }),
        post({ id: 'b', create_at: day1 + 60_000 }),
        post({ id: 'c', create_at: day1 + 10 * 60_000 }),
        post({ id: 'd', create_at: day1 + 11 * 60_000, user_id: 'u2' }),
        post({ id: 'e', create_at: day1 + 12 * 60_000, user_id: 'u2', type: 'system_join_channel' }),
      ],
      { newSince: Infinity, myUserId: 'me' },
    ).filter((r) => r.kind === 'post');
    expect(rows.map((r) => r.kind === 'post' && r.consecutive)).toEqual([false, true, false, false, false]);
  });

  it('draws the New messages line before the first unseen post by someone else, breaking the group', () => {
    const rows = buildRows(
      [
        post({ id: 'a', create_at: day1, user_id: 'u2' }),
        post({ id: 'mine', create_at: day1 + 1000, user_id: 'me' }),
        post({ id: 'b', create_at: day1 + 2000, user_id: 'u2' }),
        post({ id: 'c', create_at: day1 + 3000, user_id: 'u2' }),
      ],
      { newSince: day1 + 500, myUserId: 'me' },
    );
    expect(rows.map((r) => (r.kind === 'post' ? r.postId : r.kind))).toEqual(['date', 'a', 'mine', 'new', 'b', 'c']);
    expect(rows.find((r) => r.kind === 'post' && r.postId === 'b')).toMatchObject({ consecutive: false });
  });

  it('keys a confirmed post by its pending id so the row is not remounted', () => {
    const rows = buildRows([post({ id: 'real', pending_post_id: 'me:1', create_at: day1 })], { newSince: Infinity, myUserId: 'me' });
    expect(rows[1].key).toBe('me:1');
  });
});
