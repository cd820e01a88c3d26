import { describe, expect, it } from 'vitest';
import { initialState, type AppState } from '../src/store/store';
import { browseChannels } from '../src/features/channel/dialogs/browse_filter';
import { archivedViewable } from '../src/features/channel/archived';
import { leavePrivateModal, leavePrivateTarget } from '../src/features/channel/leave';
import { personDetail } from '../src/features/people/PersonLabel';
import { usernameAsTyped, usernameProblem } from '../src/features/auth/username_rules';
import { sidebarSections } from '../src/features/sidebar/sections';
import { channel, member } from './fixtures';

describe('browse filter', () => {
  const open = [channel({ id: 'town', display_name: 'Town Square', name: 'town-square' }), channel({ id: 'dev', display_name: 'Dev', name: 'dev', purpose: 'builds' })];
  const archived = [channel({ id: 'old', display_name: 'Old plans', name: 'old-plans', delete_at: 5 })];
  const mine = [
    channel({ id: 'sec', display_name: 'Secret', name: 'secret', type: 'P' }),
    channel({ id: 'gone', display_name: 'Gone private', name: 'gone', type: 'P', delete_at: 7 }),
    channel({ id: 'old', display_name: 'Old plans', name: 'old-plans', delete_at: 5 }),
    channel({ id: 'dm', display_name: '', name: 'a__b', type: 'D', team_id: '' }),
  ];
  const ids = (filter: Parameters<typeof browseChannels>[0], query = ''): string[] => browseChannels(filter, { open, archived, mine }, query).map((c) => c.id);

  it('keeps archived channels out of every list but their own, which has my archived private ones once', () => {
    expect(ids('all')).toEqual(['dev', 'sec', 'town']);
    expect(ids('public')).toEqual(['dev', 'town']);
    expect(ids('private')).toEqual(['sec']);
    expect(ids('archived')).toEqual(['gone', 'old']);
  });

  it('matches the query against name, display name and purpose', () => {
    expect(ids('all', 'BUILD')).toEqual(['dev']);
    expect(ids('archived', 'old-')).toEqual(['old']);
  });
});

describe('archived channels', () => {
  it('are viewable unless the client config says false', () => {
    expect(archivedViewable({})).toBe(true);
    expect(archivedViewable({ ExperimentalViewArchivedChannels: 'true' })).toBe(true);
    expect(archivedViewable({ ExperimentalViewArchivedChannels: 'false' })).toBe(false);
  });

  it('stay in the sidebar while open, and only then', () => {
    const channels = { a: channel({ id: 'a', name: 'a' }), gone: channel({ id: 'gone', name: 'gone', delete_at: 3 }) };
    const members = { a: member({ channel_id: 'a' }), gone: member({ channel_id: 'gone' }) };
    const base: AppState = { ...initialState, me: { id: 'me', username: 'me' } as AppState['me'], channels, members };
    const listed = (s: AppState): string[] => sidebarSections(s, 't1').flatMap((section) => section.channelIds);
    expect(listed(base)).toEqual(['a']);
    expect(listed({ ...base, currentChannelId: 'gone' })).toEqual(['a', 'gone']);
    // Also one the user never joined (read from the browse dialog).
    const { gone: _gone, ...joined } = members;
    expect(listed({ ...base, members: joined, currentChannelId: 'gone' })).toEqual(['a', 'gone']);
  });
});

describe('leave-private modal ids', () => {
  it('carry the channel id', () => {
    expect(leavePrivateTarget(leavePrivateModal('abc'))).toBe('abc');
    expect(leavePrivateTarget('channel:archive')).toBe('');
  });
});

describe('people labels', () => {
  it('say the full name and nickname that the profile has', () => {
    const person = { username: 'carla', first_name: 'Carla', last_name: 'Diaz', nickname: 'cd', position: 'Engineer' };
    expect(personDetail(person)).toBe('Carla Diaz (cd)');
    expect(personDetail({ ...person, last_name: '', nickname: '' })).toBe('Carla');
    expect(personDetail({ ...person, first_name: '', last_name: '' })).toBe('(cd)');
  });
});

describe('the sign-up username rule (the server\'s: server/src/app/user_fields.ts)', () => {
  it('takes what the server takes, lowercased as typed', () => {
    expect(usernameAsTyped('Ana.Maria-2')).toBe('ana.maria-2');
    for (const name of ['a', 'ana', 'ana.maria_2-x', `a${'b'.repeat(63)}`]) expect(usernameProblem(name), name).toBeNull();
  });

  it('refuses what the server refuses', () => {
    for (const name of ['', '9lives', '_ana', 'ana maria', 'Ana', 'ana@x', `a${'b'.repeat(64)}`]) expect(usernameProblem(name), name).toBe('invalid');
    for (const name of ['all', 'channel', 'here', 'matterbot', 'system', 'parley']) expect(usernameProblem(name), name).toBe('reserved');
  });
});
