import { WebSocketClient } from '@mattermost/client';
import { client } from '../api/client';
import { getState, setState } from '../store/store';
import { handleEvent, type ServerEvent } from './events';
import { resync } from './resync';
import { pollStatuses, startStatusPolling, stopStatusPolling } from './status_poller';

let socket: WebSocketClient | null = null;

/** Opens the event stream (the MMAUTHTOKEN cookie authenticates the upgrade). */
export function connectSocket(): void {
  if (socket) return;
  const ws = new WebSocketClient({ minWebSocketRetryTime: 1000, maxWebSocketRetryTime: 15000, reconnectJitterRange: 500 });
  socket = ws;
  ws.addMessageListener((msg) => handleEvent(msg as unknown as ServerEvent));
  ws.addFirstConnectListener(() => setState({ connection: 'connected' }));
  ws.addReconnectListener(() => {
    setState({ connection: 'connected' });
    // The server replays what this connection missed; a reload of the visible state covers any gap it could not.
    void resync('reconnect');
    void pollStatuses();
  });
  // A new connection id means the server could not replay: everything may be stale.
  ws.addMissedMessageListener(() => void resync('missed'));
  ws.addCloseListener(() => {
    if (getState().me) setState({ connection: 'reconnecting' });
  });
  const url = client.getWebSocketUrl().replace(/^http/, 'ws');
  ws.initialize(url);
  startStatusPolling();
}

export function disconnectSocket(): void {
  socket?.close();
  socket = null;
  stopStatusPolling();
}

export function sendTyping(channelId: string, rootId: string): void {
  socket?.userTyping(channelId, rootId);
}
