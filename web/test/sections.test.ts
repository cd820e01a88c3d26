import { describe, expect, it } from 'vitest';
import type { ChannelCategory } from '@mattermost/types/channel_categories';
import { initialState, type AppState } from '../src/store/store';
import { sidebarOrder, sidebarSections } from '../src/features/sidebar/sections';
import { channel, member } from './fixtures';

function state(over: Partial<AppState>): AppState {
  const channels = {
    a: channel({ id: 'a', display_name: 'Alpha', name: 'alpha' }),
    b: channel({ id: 'b', display_name: 'Bravo', name: 'bravo', last_post_at: 5 }),
    dm: channel({ id: 'dm', type: 'D', team_id: '', name: 'me__u2', display_name: '', last_post_at: 9 }),
    other: channel({ id: 'other', team_id: 't2', display_name: 'Other', name: 'other' }),
    gone: channel({ id: 'gone', display_name: 'Gone', name: 'gone', delete_at: 3 }),
  };
  const members = Object.fromEntries(Object.keys(channels).map((id) => [id, member({ channel_id: id })]));
  return { ...initialState, me: { id: 'me', username: 'me' } as AppState['me'], channels, members, ...over };
}

const category = (over: Partial<ChannelCategory>): ChannelCategory =>
  ({ id: over.type ?? 'x', user_id: 'me', team_id: 't1', type: 'custom', display_name: '', sorting: '', channel_ids: [], muted: false, collapsed: false, ...over }) as ChannelCategory;

describe('sidebar sections', () => {
  it('falls back to Favorites / Channels / Direct Messages without server categories', () => {
    const sections = sidebarSections(state({ prefs: { 'favorite_channel:b': 'true' } }), 't1');
    expect(sections.map((s) => [s.type, s.channelIds])).toEqual([
      ['favorites', ['b']],
      ['channels', ['a']],
      ['direct_messages', ['dm']],
    ]);
  });

  it('hides DMs the user closed and archived channels', () => {
    const sections = sidebarSections(state({ prefs: { 'direct_channel_show:u2': 'false' } }), 't1');
    expect(sidebarOrder(sections)).toEqual(['a', 'b']);
  });

  it('uses the server categories, including custom ones, and files unplaced channels by kind', () => {
    const categories = {
      t1: [
        category({ id: 'fav', type: 'favorites', channel_ids: [] }),
        category({ id: 'work', type: 'custom', display_name: 'Work', channel_ids: ['b'] }),
        category({ id: 'ch', type: 'channels', sorting: 'alpha' as ChannelCategory['sorting'], channel_ids: [] }),
        category({ id: 'dms', type: 'direct_messages', channel_ids: [] }),
      ],
    };
    const sections = sidebarSections(state({ categories }), 't1');
    expect(sections.map((s) => [s.id, s.name, s.channelIds])).toEqual([
      ['work', 'Work', ['b']],
      ['ch', '', ['a']],
      ['dms', '', ['dm']],
    ]);
  });

  it('sorts by recent activity when the category asks for it', () => {
    const categories = { t1: [category({ id: 'ch', type: 'channels', sorting: 'recent' as ChannelCategory['sorting'], channel_ids: ['a', 'b'] })] };
    expect(sidebarSections(state({ categories }), 't1')[0].channelIds).toEqual(['b', 'a']);
  });
});
