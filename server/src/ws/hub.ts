import type { Duplex } from 'node:stream';
import { setImmediate as nextTurn } from 'node:timers/promises';
import type { RawData, WebSocket } from 'ws';
import { Type } from 'typebox';
import { Compile } from 'typebox/compile';
import type { App } from '../app/app.js';
import { eventDeliveryLag, eventsBroadcast, eventWrites, openSockets } from '../metrics/registry.js';
import { guarded, reportUnexpected } from '../metrics/unexpected.js';
import { AppError } from '../model/errors.js';
import { broadcastTo, isServerInternal, revokedSessionIds, type Broadcast, type ServerEvent } from '../model/events.js';
import { newId } from '../model/id.js';
import { parseUntrustedJson } from '../model/safe_json.js';
import type { SessionRecord } from '../model/types.js';
import { runAction } from './actions.js';
import { ClientSocket, type ResumeRequest } from './client_socket.js';
import { Connection } from './connection.js';
import { eventPrefix, type EventPrefix } from './envelope.js';

/** Detached streams kept per user; more means a client that reconnects without resuming. */
const MAX_DETACHED_PER_USER = 8;
/** How often a socket's session is looked up again (revoked sessions and deactivated users lose their sockets). */
const SESSION_RECHECK_MS = 5 * 60_000;
const CLOSE_POLICY = 1008;
const CLOSE_GOING_AWAY = 1001;
const CLOSE_REPLACED = 4002;
const DRAIN_MS = 1_000;
/**
 * Sockets written to before the event loop is let go: about 10 ms of writes on loopback. Events still reach every
 * connection in publish order, since deliveries run one after another.
 */
const FANOUT_SLICE = 500;
/** Events delivered together at most, which bounds what one drain step holds per socket. */
const MAX_BATCH = 64;

export interface HubOptions {
  /** The X-Version-Id value, sent as the hello's server_version. */
  versionId: string;
  hostname: string;
}

const ClientMessage = Compile(Type.Object({
  seq: Type.Integer({ minimum: 1, maximum: Number.MAX_SAFE_INTEGER }),
  action: Type.String({ minLength: 1, maxLength: 64 }),
  data: Type.Optional(Type.Unknown()),
}));
const ChallengeData = Compile(Type.Object({ token: Type.String({ minLength: 1, maxLength: 128 }) }));

const notAuthenticated = (): AppError =>
  new AppError('api.web_socket_router.not_authenticated.app_error', 'The WebSocket is not authenticated.', 401);

/**
 * The real-time hub of one node: sockets indexed by connection and user,
 * events from the bus fanned out in publish order to those allowed to see
 * them (Mattermost's ShouldSendEvent rules), reliable reconnects, protocol
 * pings, and presence from socket lifetimes.
 */
export class Hub {
  private readonly connections = new Map<string, Connection>();
  private readonly byUser = new Map<string, Set<Connection>>();
  private readonly sockets = new Set<ClientSocket>();
  private readonly heartbeat: NodeJS.Timeout;
  private readonly unsubscribe: () => void;
  /** Events published and not yet delivered, in publish order. */
  private readonly waiting: WaitingEvent[] = [];
  /** One drain at a time, so every connection sees events in publish order. */
  private draining = false;
  private drained: Promise<void> = Promise.resolve();

  constructor(private readonly app: App, private readonly options: HubOptions) {
    this.unsubscribe = app.deps.bus.subscribe((event) => {
      this.waiting.push({ event, stopTimer: eventDeliveryLag.startTimer() });
      if (this.draining) return;
      this.draining = true;
      // Started after the publisher's turn, so events it publishes together go out together.
      this.drained = Promise.resolve().then(() => this.drain());
    });
    this.heartbeat = setInterval(guarded('websocket_timer', () => this.tick(), app.deps.log), app.config.wsPingIntervalMs);
    this.heartbeat.unref();
  }

  /** Sockets open on this node now (the statistics' total_websocket_connections). */
  get openSockets(): number {
    return this.sockets.size;
  }

  /**
   * A socket that completed the upgrade over `transport`; `session` when the upgrade itself carried valid
   * credentials.
   */
  accept(ws: WebSocket, transport: Duplex, resume: ResumeRequest, session: SessionRecord | undefined): void {
    const client = new ClientSocket(ws, transport, resume);
    this.sockets.add(client);
    ws.on('pong', () => {
      client.alive = true;
    });
    ws.on('message', (data, isBinary) => client.enqueue(() => this.receive(client, data, isBinary)));
    ws.on('ping', (data) => client.pong(data));
    ws.on('close', guarded('websocket_socket', () => this.closed(client), this.app.deps.log));
    // ws closes the socket itself after protocol errors (oversized frames, bad UTF-8); nothing more to do.
    ws.on('error', () => {});
    if (session) {
      this.authenticated(client, session);
    } else {
      client.authTimer = setTimeout(() => {
        if (!client.auth) ws.close(CLOSE_POLICY, 'authentication timeout');
      }, this.app.config.wsAuthTimeoutMs);
    }
  }

  /** Stops the pings and the fan-out, says goodbye to every socket and waits briefly for them to go. */
  async close(): Promise<void> {
    clearInterval(this.heartbeat);
    this.unsubscribe();
    const closing = [...this.sockets].map((client) => new Promise<void>((resolve) => {
      if (client.ws.readyState === client.ws.CLOSED) return resolve();
      client.ws.once('close', () => resolve());
      client.ws.close(CLOSE_GOING_AWAY, 'server shutting down');
    }));
    const drained = Promise.all(closing);
    const timer = setTimeout(() => {
      for (const client of this.sockets) client.ws.terminate();
    }, DRAIN_MS);
    await drained;
    clearTimeout(timer);
    await this.drained;
  }

  private async receive(client: ClientSocket, raw: RawData, isBinary: boolean): Promise<void> {
    let message: unknown;
    try {
      message = isBinary ? undefined : parseUntrustedJson(raw.toString());
    } catch {
      message = undefined;
    }
    if (!ClientMessage.Check(message)) {
      client.ws.close(CLOSE_POLICY, 'invalid message');
      return;
    }
    const { seq, action, data } = message;
    if (action === 'authentication_challenge') {
      // Mobile clients send it even after authenticating by header: ignored then, as upstream does.
      if (!client.auth) await this.challenge(client, seq, data);
      return;
    }
    const auth = client.auth;
    if (!auth) {
      client.reply({ status: 'FAIL', seq_reply: seq, error: notAuthenticated().toJSON() });
      return;
    }
    try {
      const result = await runAction({ app: this.app, userId: auth.userId }, action, data);
      client.reply(result === undefined ? { status: 'OK', seq_reply: seq } : { status: 'OK', seq_reply: seq, data: result });
    } catch (err) {
      if (!(err instanceof AppError)) {
        reportUnexpected('websocket_socket', err, this.app.deps.log);
        throw err;
      }
      client.reply({ status: 'FAIL', seq_reply: seq, error: err.toJSON() });
    }
  }

  private async challenge(client: ClientSocket, seq: number, data: unknown): Promise<void> {
    let session: SessionRecord | undefined;
    if (ChallengeData.Check(data)) session = await this.app.sessions.resolve(data.token).catch(() => undefined);
    if (!session) {
      client.ws.close(CLOSE_POLICY, 'invalid token');
      return;
    }
    if (client.ws.readyState !== client.ws.OPEN) return;
    this.authenticated(client, session);
    client.reply({ status: 'OK', seq_reply: seq });
  }

  /**
   * Attaches an authenticated socket to a stream: the one it asks to resume
   * (its own, still holding what it missed), or a new one that starts with
   * `hello`.
   */
  private authenticated(client: ClientSocket, session: SessionRecord): void {
    clearTimeout(client.authTimer);
    client.authTimer = undefined;
    const now = Date.now();
    client.auth = { userId: session.user_id, sessionId: session.id, token: session.token, expiresAt: session.expires_at, checkedAt: now };
    openSockets.inc();
    this.app.presence.connected(session.user_id);

    const { connectionId, sequenceNumber } = client.resumeRequest;
    const previous = connectionId ? this.connections.get(connectionId) : undefined;
    if (previous && previous.userId === session.user_id && previous.canResumeAt(sequenceNumber)) {
      const replaced = previous.sink;
      if (replaced instanceof ClientSocket) {
        replaced.connection = undefined;
        replaced.ws.close(CLOSE_REPLACED, 'resumed elsewhere');
      }
      client.connection = previous;
      previous.resume(client, sequenceNumber);
      return;
    }
    if (previous && previous.userId === session.user_id && !previous.sink) this.forget(previous);
    // A client that never learnt its connection id (no missed-message listener) still counts
    // from where it was; starting there keeps it from rejecting the new stream forever.
    const startSeq = connectionId ? 0 : sequenceNumber;
    const connection = new Connection(newId(), session.user_id, startSeq, this.app.config.wsReplayEvents);
    this.register(connection);
    client.connection = connection;
    connection.attach(client);
    connection.push([this.helloPrefix(connection)]);
  }

  private helloPrefix(connection: Connection): EventPrefix {
    return eventPrefix({
      event: 'hello',
      data: { server_version: this.options.versionId, connection_id: connection.id, server_hostname: this.options.hostname },
      broadcast: broadcastTo({ user_id: connection.userId }),
    });
  }

  private closed(client: ClientSocket): void {
    this.sockets.delete(client);
    clearTimeout(client.authTimer);
    if (!client.auth) return;
    openSockets.dec();
    this.app.presence.disconnected(client.auth.userId);
    const connection = client.connection;
    if (!connection || connection.sink !== client) return;
    connection.detach(Date.now());
    if (this.app.config.wsReplaySeconds === 0) {
      this.forget(connection);
      return;
    }
    const detached = [...(this.byUser.get(connection.userId) ?? [])].filter((c) => !c.sink);
    for (const stale of detached.slice(0, Math.max(0, detached.length - MAX_DETACHED_PER_USER))) this.forget(stale);
  }

  private register(connection: Connection): void {
    this.connections.set(connection.id, connection);
    let mine = this.byUser.get(connection.userId);
    if (!mine) {
      mine = new Set();
      this.byUser.set(connection.userId, mine);
    }
    mine.add(connection);
  }

  private forget(connection: Connection): void {
    this.connections.delete(connection.id);
    const mine = this.byUser.get(connection.userId);
    mine?.delete(connection);
    if (mine?.size === 0) this.byUser.delete(connection.userId);
  }

  /**
   * Delivers what is waiting, a batch at a time. Events that pile up while a large fan-out is written go out together:
   * each socket gets its share of a batch in one write, so the writes per second stay near the sockets online however
   * many events a second there are.
   */
  private async drain(): Promise<void> {
    try {
      while (this.waiting.length > 0) {
        const batch = this.waiting.splice(0, batchLength(this.waiting));
        try {
          await this.deliver(batch.map((waiting) => waiting.event));
          for (const waiting of batch) waiting.stopTimer();
        } catch (err) {
          this.app.deps.log.error({ err, events: batch.map((waiting) => waiting.event.event) }, 'event delivery failed');
        }
      }
    } finally {
      this.draining = false;
    }
  }

  /** Sends a batch of bus events, each serialized once, to every stream that may see them, in order. */
  private async deliver(events: readonly ServerEvent[]): Promise<void> {
    const [first] = events;
    const revoked = revokedSessionIds(first);
    if (revoked.length > 0) {
      this.disconnectSessions(first.broadcast.user_id, new Set(revoked));
      return;
    }
    const deactivated = deactivatedUser(first);
    if (deactivated) this.disconnectUser(deactivated);
    const shares = new Map<Connection, EventPrefix[]>();
    for (const event of events) {
      if (isServerInternal(event)) continue;
      const targets = await this.recipients(event.broadcast);
      if (targets.length === 0) continue;
      const prefix = eventPrefix(event);
      for (const connection of targets) {
        const share = shares.get(connection);
        if (share) share.push(prefix);
        else shares.set(connection, [prefix]);
      }
    }
    let sent = 0;
    let writes = 0;
    let visited = 0;
    for (const [connection, share] of shares) {
      // A post in a channel of thousands is thousands of socket writes; between slices the requests waiting get their turn.
      if (visited > 0 && visited % FANOUT_SLICE === 0) await nextTurn();
      visited++;
      if (connection.push(share)) {
        sent += share.length;
        writes++;
      } else if (connection.unrecoverable) {
        this.forget(connection);
      }
    }
    eventsBroadcast.inc(sent);
    eventWrites.inc(writes);
  }

  /** Logged out or revoked: the sockets those sessions opened close, on every node. */
  private disconnectSessions(userId: string, sessionIds: ReadonlySet<string>): void {
    for (const connection of this.byUser.get(userId) ?? []) {
      const client = connection.sink;
      if (!(client instanceof ClientSocket) || !client.auth || !sessionIds.has(client.auth.sessionId)) continue;
      client.ws.close(CLOSE_POLICY, 'session revoked');
      this.forget(connection);
    }
  }

  /** A deactivated user's sessions are gone; their sockets and kept streams go too, on every node. */
  private disconnectUser(userId: string): void {
    for (const connection of this.byUser.get(userId) ?? []) {
      if (connection.sink instanceof ClientSocket) connection.sink.ws.close(CLOSE_POLICY, 'session revoked');
      this.forget(connection);
    }
  }

  /** Mattermost's ShouldSendEvent, in its order, applied to the streams of this node. */
  private async recipients(b: Broadcast): Promise<Connection[]> {
    const out: Connection[] = [];
    if (b.connection_id) {
      const only = this.connections.get(b.connection_id);
      if (only) out.push(only);
      return out;
    }
    const include = (connection: Connection): void => {
      if (connection.id !== b.omit_connection_id) out.push(connection);
    };
    if (b.user_id) {
      for (const connection of this.byUser.get(b.user_id) ?? []) include(connection);
      return out;
    }
    const omitted = (userId: string): boolean => b.omit_users !== null && b.omit_users[userId] === true;
    if (!b.channel_id && !b.team_id) {
      for (const [userId, mine] of this.byUser) if (!omitted(userId)) for (const connection of mine) include(connection);
      return out;
    }
    const members = await (b.channel_id ? this.app.membership.channelMembers(b.channel_id) : this.app.membership.teamMembers(b.team_id));
    // Walk the smaller side: a big channel with few users online, or many users online and a small channel.
    if (members.size < this.byUser.size) {
      for (const userId of members) {
        if (omitted(userId)) continue;
        for (const connection of this.byUser.get(userId) ?? []) include(connection);
      }
    } else {
      for (const [userId, mine] of this.byUser) {
        if (omitted(userId) || !members.has(userId)) continue;
        for (const connection of mine) include(connection);
      }
    }
    return out;
  }

  /** Protocol pings, dead-peer detection, session re-checks and expiry of detached streams. */
  private tick(): void {
    const now = Date.now();
    for (const client of this.sockets) {
      if (!client.alive) {
        client.ws.terminate();
        continue;
      }
      client.alive = false;
      client.ws.ping();
      const auth = client.auth;
      if (!auth) continue;
      if (auth.expiresAt <= now) {
        client.ws.close(CLOSE_POLICY, 'session expired');
      } else if (now - auth.checkedAt >= SESSION_RECHECK_MS) {
        auth.checkedAt = now;
        this.app.sessions.resolve(auth.token).catch(() => client.ws.close(CLOSE_POLICY, 'session expired'));
      }
    }
    const keepMs = this.app.config.wsReplaySeconds * 1000;
    for (const connection of this.connections.values()) {
      if (!connection.sink && (now - connection.detachedAt >= keepMs || connection.unrecoverable)) this.forget(connection);
    }
  }
}

interface WaitingEvent {
  event: ServerEvent;
  stopTimer: () => void;
}

/**
 * How many of the waiting events go in the next batch: a run of ordinary events, up to MAX_BATCH; an event that
 * closes sockets (a session revoked, a user deactivated) goes alone, after everything published before it.
 */
function batchLength(waiting: readonly WaitingEvent[]): number {
  if (closesSockets(waiting[0].event)) return 1;
  let length = 1;
  while (length < waiting.length && length < MAX_BATCH && !closesSockets(waiting[length].event)) length++;
  return length;
}

function closesSockets(event: ServerEvent): boolean {
  return revokedSessionIds(event).length > 0 || deactivatedUser(event) !== undefined;
}

function deactivatedUser(event: ServerEvent): string | undefined {
  if (event.event !== 'user_updated') return undefined;
  const user = event.data.user as { id?: unknown; delete_at?: unknown } | undefined;
  return typeof user?.id === 'string' && typeof user.delete_at === 'number' && user.delete_at > 0 ? user.id : undefined;
}
