import { WebSocketClient } from '@mattermost/client';
import { client } from '../api/client';
import { getState, setState } from '../store/store';
import { handleEvent, type ServerEvent } from './events';
import { resync } from './resync';
import { pollStatuses, startStatusPolling, stopStatusPolling } from './status_poller';

let socket: WebSocketClient | null = null;
/** Settles when the socket first opens or first fails, whichever comes first. */
let firstOutcome: Promise<void> = Promise.resolve();

/** Opens the event stream (the MMAUTHTOKEN cookie authenticates the upgrade). */
export function connectSocket(): void {
  if (socket) return;
  const ws = new WebSocketClient({ minWebSocketRetryTime: 1000, maxWebSocketRetryTime: 15000, reconnectJitterRange: 500 });
  socket = ws;
  let settle = (): void => undefined;
  firstOutcome = new Promise((resolve) => {
    settle = resolve;
  });
  ws.addMessageListener((msg) => handleEvent(msg as unknown as ServerEvent));
  ws.addFirstConnectListener(() => {
    settle();
    setState({ connection: 'connected' });
    // Channels loaded before the socket opened (it was slow) may have missed events sent in between.
    if (Object.keys(getState().channels).length > 0) void resync('reconnect');
  });
  ws.addReconnectListener(() => {
    setState({ connection: 'connected' });
    // The server replays what this connection missed; a reload of the visible state covers any gap it could not.
    void resync('reconnect');
    void pollStatuses();
  });
  // A new connection id means the server could not replay: everything may be stale.
  ws.addMissedMessageListener(() => void resync('missed'));
  ws.addCloseListener(() => {
    settle();
    if (getState().me) setState({ connection: 'reconnecting' });
  });
  const url = client.getWebSocketUrl().replace(/^http/, 'ws');
  ws.initialize(url);
  startStatusPolling();
}

/**
 * Waits (at most `timeoutMs`) for the socket to open, so that what is loaded next cannot miss an
 * event: the server delivers to a socket from the moment it opens.
 */
export function socketOpened(timeoutMs: number): Promise<void> {
  return Promise.race([firstOutcome, new Promise<void>((resolve) => setTimeout(resolve, timeoutMs))]);
}

export function disconnectSocket(): void {
  socket?.close();
  socket = null;
  stopStatusPolling();
}

export function sendTyping(channelId: string, rootId: string): void {
  socket?.userTyping(channelId, rootId);
}
