import { getState } from '../store/store';
import { loadStatuses } from '../store/actions/users';

// The server tells a client only about its own user's status changes (as
// Mattermost does); everyone else's presence is polled, for the users this
// client has loaded, once a minute and whenever the tab comes back.

export const STATUS_POLL_MS = 60_000;
const IDS_PER_REQUEST = 200;

let timer: ReturnType<typeof setInterval> | null = null;

/** Refreshes the statuses of every user the client knows, a bounded number of ids per request. */
export async function pollStatuses(): Promise<void> {
  const ids = Object.keys(getState().users);
  for (let i = 0; i < ids.length; i += IDS_PER_REQUEST) {
    await loadStatuses(ids.slice(i, i + IDS_PER_REQUEST)).catch(() => undefined);
  }
}

const onVisible = (): void => {
  if (document.visibilityState === 'visible') void pollStatuses();
};

export function startStatusPolling(): void {
  if (timer) return;
  timer = setInterval(() => void pollStatuses(), STATUS_POLL_MS);
  document.addEventListener('visibilitychange', onVisible);
}

export function stopStatusPolling(): void {
  if (timer) clearInterval(timer);
  timer = null;
  document.removeEventListener('visibilitychange', onVisible);
}
