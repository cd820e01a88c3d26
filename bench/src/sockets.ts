import WebSocket from 'ws';

export interface EventFrame {
  event?: string;
  seq?: number;
  data?: Record<string, unknown>;
}

/** Opens an authenticated Mattermost-protocol socket and resolves after `hello`. */
export function openSocket(url: string, token: string, onEvent: (frame: EventFrame, receivedAt: number) => void): Promise<WebSocket> {
  return new Promise((resolve, reject) => {
    const socket = new WebSocket(`${url.replace(/^http/, 'ws')}/api/v4/websocket`, { headers: { Authorization: `Bearer ${token}` }, perMessageDeflate: false });
    const timer = setTimeout(() => reject(new Error('no hello within 20 s')), 20_000);
    socket.on('message', (raw: Buffer) => {
      const receivedAt = performance.now() + performance.timeOrigin;
      const frame = JSON.parse(raw.toString('utf8')) as EventFrame;
      if (frame.event === 'hello') {
        clearTimeout(timer);
        resolve(socket);
        return;
      }
      onEvent(frame, receivedAt);
    });
    socket.on('error', (err) => {
      clearTimeout(timer);
      reject(err);
    });
  });
}

/** Opens many sockets with bounded concurrency. */
export async function openMany(url: string, tokens: readonly string[], onEvent: (frame: EventFrame, receivedAt: number) => void, onProgress?: (n: number) => void): Promise<WebSocket[]> {
  const sockets: WebSocket[] = new Array(tokens.length);
  let next = 0;
  let done = 0;
  await Promise.all(Array.from({ length: 50 }, async () => {
    while (next < tokens.length) {
      const i = next++;
      sockets[i] = await openSocket(url, tokens[i], onEvent);
      onProgress?.(++done);
    }
  }));
  return sockets;
}
