import type { UserNotifyProps, UserProfile } from '@mattermost/types/users';
import { errorMessage } from '../../api/client';
import { getState, useStore } from '../../store/store';
import { patchMe, receivedUsers } from '../../store/actions/users';
import { savePrefs } from '../../store/actions/prefs';
import { showToast } from '../layout/Toast';

/** Mattermost's defaults for what a user has not set. */
export const USER_NOTIFY_DEFAULTS: Readonly<Record<string, string>> = {
  desktop: 'mention', desktop_threads: 'all', desktop_sound: 'true', desktop_notification_sound: 'Bing', email: 'true',
  push: 'mention', push_status: 'away', push_threads: 'all', first_name: 'false', channel: 'true', mention_keys: '', comments: 'never',
};

/** Preference (category `notifications`) holding how often notification email goes out when batching is on. */
export const EMAIL_INTERVAL = { category: 'notifications', name: 'email_interval' } as const;
/** Immediately, every 15 minutes, every hour (seconds, Mattermost's values). */
export const EMAIL_INTERVALS = ['30', '900', '3600'] as const;

export function notifyPropsOf(user: UserProfile | null): Record<string, string> {
  return { ...USER_NOTIFY_DEFAULTS, ...((user?.notify_props ?? {}) as unknown as Record<string, string>) };
}

/** My notify props, defaults filled in. */
export function useNotifyProps(): Record<string, string> {
  const raw = useStore((s) => s.me?.notify_props);
  return { ...USER_NOTIFY_DEFAULTS, ...((raw ?? {}) as unknown as Record<string, string>) };
}

/**
 * Saves some of my notify props (the whole set goes to PUT /users/me/patch, as Mattermost replaces it), shown at
 * once and put back, with the error in a toast, if the server refuses.
 */
export function saveNotifyProps(changes: Record<string, string>): void {
  const me = getState().me;
  if (!me) return;
  const notify_props = { ...(me.notify_props as unknown as Record<string, string>), ...changes } as unknown as UserNotifyProps;
  receivedUsers([{ ...me, notify_props }]);
  patchMe({ notify_props }).catch((err: unknown) => {
    const now = getState().me;
    if (now) receivedUsers([{ ...now, notify_props: me.notify_props }]);
    showToast(errorMessage(err));
  });
}

export function saveEmailInterval(seconds: string): void {
  savePrefs([{ ...EMAIL_INTERVAL, value: seconds }]).catch((err: unknown) => showToast(errorMessage(err)));
}
