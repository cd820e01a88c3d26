import type { PreferenceType } from '@mattermost/types/preferences';
import { client } from '../../api/client';
import { getState, prefKey, setState } from '../store';

export function receivedPrefs(prefs: PreferenceType[]): void {
  setState((s) => {
    const next = { ...s.prefs };
    for (const p of prefs) next[prefKey(p.category, p.name)] = p.value ?? '';
    return { prefs: next };
  });
}

export function deletedPrefs(prefs: PreferenceType[]): void {
  setState((s) => {
    const next = { ...s.prefs };
    for (const p of prefs) delete next[prefKey(p.category, p.name)];
    return { prefs: next };
  });
}

/** Saves preferences, showing them at once and rolling back if the server refuses. */
export async function savePrefs(items: Array<{ category: string; name: string; value: string }>): Promise<void> {
  const me = getState().me;
  if (!me) return;
  const prefs: PreferenceType[] = items.map((i) => ({ user_id: me.id, ...i }));
  const before = getState().prefs;
  receivedPrefs(prefs);
  try {
    await client.savePreferences(me.id, prefs);
  } catch (err) {
    setState({ prefs: before });
    throw err;
  }
}

export async function deletePrefs(items: Array<{ category: string; name: string }>): Promise<void> {
  const me = getState().me;
  if (!me) return;
  const prefs: PreferenceType[] = items.map((i) => ({ user_id: me.id, ...i, value: '' }));
  const before = getState().prefs;
  deletedPrefs(prefs);
  try {
    await client.deletePreferences(me.id, prefs);
  } catch (err) {
    setState({ prefs: before });
    throw err;
  }
}
