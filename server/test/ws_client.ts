import { WebSocketClient } from '@mattermost/client';
import type { WebSocketClientConfig } from '@mattermost/client/lib/websocket.js';
import { vi } from 'vitest';
import WebSocket from 'ws';

// The official client expects browser globals (brief §7): WebSocket, and CloseEvent (Node < 23 lacks it).
globalThis.WebSocket ??= WebSocket as unknown as typeof globalThis.WebSocket;
globalThis.CloseEvent ??= class extends Event {
  readonly code: number;
  constructor(type: string, init: { code?: number } = {}) {
    super(type);
    this.code = init.code ?? 0;
  }
} as unknown as typeof globalThis.CloseEvent;
// The client narrates every connect on console.log.
vi.spyOn(console, 'log').mockImplementation(() => {});

export interface WsEvent {
  event: string;
  data: Record<string, any>;
  broadcast: { user_id: string; channel_id: string; team_id: string; omit_users: Record<string, boolean> | null };
  seq: number;
}

export const wsUrl = (server: { url: string }): string => `${server.url.replace(/^http/, 'ws')}/api/v4/websocket`;
export const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

/** What a socket received, with a way to wait for something to arrive. */
class Recording<T> {
  readonly items: T[] = [];
  private readonly waiters = new Set<() => void>();

  add(item: T): void {
    this.items.push(item);
    for (const wake of this.waiters) wake();
  }

  /** Resolves with the first item from index `from` on that matches. */
  waitFor(match: (item: T) => boolean, from: number, timeoutMs: number): Promise<T> {
    return new Promise((resolve, reject) => {
      const check = (): boolean => {
        const found = this.items.slice(from).find(match);
        if (found === undefined) return false;
        this.waiters.delete(check);
        clearTimeout(timer);
        resolve(found);
        return true;
      };
      const timer = setTimeout(() => {
        this.waiters.delete(check);
        reject(new Error(`nothing matching within ${timeoutMs} ms; got ${JSON.stringify(this.items.slice(from)).slice(0, 800)}`));
      }, timeoutMs);
      if (!check()) this.waiters.add(check);
    });
  }
}

/**
 * The official WebSocketClient with everything it receives recorded, and the
 * raw sockets it opens kept so a test can cut the network under it.
 */
export class WsUser {
  readonly client: WebSocketClient;
  private readonly recording = new Recording<WsEvent>();
  readonly events = this.recording.items;
  /** URLs the client connected to (they carry connection_id and sequence_number). */
  readonly urls: string[] = [];
  readonly sockets: WebSocket[] = [];
  missedMessages = 0;

  constructor(private readonly server: { url: string }, readonly token: string, config: Partial<WebSocketClientConfig> = {}) {
    this.client = new WebSocketClient({
      minWebSocketRetryTime: 60_000, reconnectJitterRange: 0, ...config,
      newWebSocketFn: (url) => {
        this.urls.push(url);
        const socket = new WebSocket(url);
        this.sockets.push(socket);
        return socket as unknown as globalThis.WebSocket;
      },
    });
    this.client.addMessageListener((msg) => this.recording.add(msg as unknown as WsEvent));
    // Without it the client never records its connection id (brief §7).
    this.client.addMissedMessageListener(() => {
      this.missedMessages++;
    });
  }

  /** Connects and waits for the stream's first event (hello). */
  async connect(): Promise<WsEvent> {
    const from = this.events.length;
    this.client.initialize(wsUrl(this.server), this.token);
    return this.waitFor((e) => e.event === 'hello', from);
  }

  /** Resolves with the first event from index `from` on that matches. */
  waitFor(match: (e: WsEvent) => boolean, from = 0, timeoutMs = 5_000): Promise<WsEvent> {
    return this.recording.waitFor(match, from, timeoutMs);
  }

  eventsNamed(name: string, from = 0): WsEvent[] {
    return this.events.slice(from).filter((e) => e.event === name);
  }

  /** Sends an action and resolves with the server's reply. */
  request(action: string, data: unknown): Promise<{ status: string; seq_reply: number; data?: any; error?: any }> {
    return new Promise((resolve) => this.client.sendMessage(action, data, resolve));
  }

  /** Cuts the current socket as a network failure would; the client schedules a (slow) reconnect. */
  async drop(): Promise<void> {
    const socket = this.sockets.at(-1);
    if (!socket) throw new Error('not connected');
    const closed = new Promise((r) => socket.once('close', r));
    socket.terminate();
    await closed;
  }

  /** Reconnects at once instead of waiting for the client's back-off. */
  reconnectNow(): void {
    this.client.clearReconnectTimeout();
    this.client.initialize(wsUrl(this.server), this.token);
  }

  close(): void {
    this.client.close();
    for (const socket of this.sockets) socket.terminate();
  }
}

/** A raw socket for wire-level checks: every frame it receives, parsed, and how it closed. */
export class RawSocket {
  private readonly recording = new Recording<any>();
  readonly frames = this.recording.items;
  readonly opened: Promise<void>;
  readonly closed: Promise<{ code: number; reason: string }>;
  private readonly socket: WebSocket;

  constructor(url: string, options: WebSocket.ClientOptions = {}) {
    this.socket = new WebSocket(url, options);
    this.socket.on('error', () => {});
    this.opened = new Promise((resolve, reject) => {
      this.socket.once('open', () => resolve());
      this.socket.once('error', reject);
      this.socket.once('unexpected-response', (_req, res) => reject(new Error(`upgrade refused: ${res.statusCode}`)));
    });
    // Only tests that await `opened` care how a failed connect failed.
    this.opened.catch(() => {});
    this.closed = new Promise((resolve) => this.socket.once('close', (code, reason) => resolve({ code, reason: reason.toString() })));
    this.socket.on('message', (data) => this.recording.add(JSON.parse(data.toString())));
  }

  get ws(): WebSocket {
    return this.socket;
  }

  send(message: unknown): void {
    this.socket.send(typeof message === 'string' ? message : JSON.stringify(message));
  }

  /** Resolves with the first frame from index `from` on that matches. */
  next(match: (frame: any) => boolean, from = 0, timeoutMs = 5_000): Promise<any> {
    return this.recording.waitFor(match, from, timeoutMs);
  }

  close(): void {
    this.socket.terminate();
  }
}
