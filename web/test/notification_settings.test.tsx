import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { act } from 'react';
import { createRoot, type Root } from 'react-dom/client';
import { IntlProvider } from 'react-intl';
import type { PreferenceType } from '@mattermost/types/preferences';
import type { UserProfile } from '@mattermost/types/users';
import { en } from '../src/i18n/en';
import { client } from '../src/api/client';
import { getState, initialState, setState } from '../src/store/store';
import { NotificationSettings } from '../src/features/settings/NotificationSettings';

(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

const me = {
  id: 'me', username: 'nina', first_name: 'Nina', locale: 'en',
  notify_props: { desktop: 'mention', email: 'true', push: 'mention', push_status: 'away', comments: 'never', mention_keys: '' },
} as unknown as UserProfile;

describe('Settings > Notifications (email and push)', () => {
  let root: Root;
  let host: HTMLDivElement;

  const render = async (config: Record<string, string>): Promise<void> => {
    setState({ ...initialState, me, users: { me }, config });
    await act(async () => {
      root.render(<IntlProvider locale="en" messages={en}><NotificationSettings /></IntlProvider>);
    });
  };
  const radio = (name: string): HTMLInputElement | undefined =>
    [...host.querySelectorAll<HTMLInputElement>('input[type=radio]')].find((i) => i.closest('label')?.textContent === name);

  beforeEach(() => {
    host = document.createElement('div');
    document.body.append(host);
    root = createRoot(host);
  });

  afterEach(() => {
    act(() => root.unmount());
    host.remove();
    vi.restoreAllMocks();
  });

  it('hides email and push when the server sends neither', async () => {
    await render({ SendEmailNotifications: 'false', SendPushNotifications: 'false' });
    expect(host.textContent).not.toContain('Email notifications');
    expect(host.textContent).not.toContain('Push notifications');
  });

  it('offers how often email goes when batching, saved as the notifications/email_interval preference', async () => {
    const saved: PreferenceType[][] = [];
    vi.spyOn(client, 'savePreferences').mockImplementation(async (_user, prefs) => {
      saved.push(prefs);
      return { status: 'OK' };
    });
    await render({ SendEmailNotifications: 'true', EnableEmailBatching: 'true' });
    expect(radio('Every 15 minutes')?.checked).toBe(true);
    await act(async () => radio('Every hour')?.click());
    expect(saved).toEqual([[{ user_id: 'me', category: 'notifications', name: 'email_interval', value: '3600' }]]);
    expect(getState().prefs['notifications:email_interval']).toBe('3600');
  });

  it('saves push level and status through the user patch, keeping the other props', async () => {
    const patches: Array<Partial<UserProfile>> = [];
    vi.spyOn(client, 'patchMe').mockImplementation(async (patch) => {
      patches.push(patch);
      return { ...me, ...patch } as UserProfile;
    });
    await render({ SendPushNotifications: 'true' });
    await act(async () => radio('Offline')?.click());
    expect(patches.at(-1)?.notify_props).toMatchObject({ push_status: 'offline', desktop: 'mention', email: 'true' });
    expect(getState().me?.notify_props.push_status).toBe('offline');
  });
});
