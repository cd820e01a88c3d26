import { AppError } from '../model/errors.js';
import { makeEvent, STATUS_SAVED, type ServerEvent } from '../model/events.js';
import type { StatusRecord } from '../model/types.js';
import type { AppDeps } from './deps.js';
import { ExpiringMap } from './expiring_map.js';

export type StatusValue = StatusRecord['status'];
const STATUS_VALUES: ReadonlySet<string> = new Set(['online', 'away', 'dnd', 'offline', 'ooo']);
/** Every user of a large server fits; past it the status stored longest ago is read again when asked for. */
const MAX_CACHED = 200_000;
/** Bounds the damage of a missed bus event (Redis pub/sub is at-most-once). */
const REREAD_AFTER_MS = 5 * 60_000;
/** How stale a stored `last_activity_at` of someone online may get before a refresh writes it. */
const ACTIVITY_REFRESH_MS = 60_000;

/**
 * Presence. Socket activity sets automatic online/away/offline; a manual
 * status (set by the user) wins over automatic changes until cleared.
 *
 * Clients poll the statuses they show, so statuses are served from memory (as
 * Mattermost does): each node keeps what it has read or heard, and every save
 * publishes the whole record on the bus so every node's copy follows.
 */
export class StatusService {
  /** null: the user has no stored status (shown as offline). */
  private readonly known = new ExpiringMap<string, StatusRecord | null>(MAX_CACHED, REREAD_AFTER_MS);

  constructor(private readonly deps: AppDeps) {
    deps.bus.subscribe((event) => {
      const saved = savedStatus(event);
      if (saved) this.known.set(saved.user_id, saved);
    });
  }

  async get(userId: string): Promise<StatusRecord> {
    return (await this.getMany([userId]))[0] ?? offline(userId);
  }

  async getMany(userIds: readonly string[]): Promise<StatusRecord[]> {
    const missing = [...new Set(userIds.filter((id) => this.known.get(id) === undefined))];
    if (missing.length > 0) {
      const found = new Map((await this.deps.store.statuses.getMany(missing)).map((s) => [s.user_id, s]));
      // A save heard while the read ran is newer than what the read saw.
      for (const id of missing) if (this.known.get(id) === undefined) this.known.set(id, found.get(id) ?? null);
    }
    return userIds.map((id) => this.known.get(id) ?? offline(id));
  }

  /** Everyone not offline, most recently active first (statuses are not secret). */
  listNotOffline(limit = 10_000): Promise<StatusRecord[]> {
    return this.deps.store.statuses.listNotOffline(limit);
  }

  /** A status the user chose. `online` clears manual mode. */
  async setManual(userId: string, status: string, dndEndTime = 0): Promise<StatusRecord> {
    if (!STATUS_VALUES.has(status)) throw new AppError('api.status.invalid_status.app_error', 'Invalid status.', 400);
    const next: StatusRecord = {
      user_id: userId, status: status as StatusValue, manual: status !== 'online', last_activity_at: Date.now(),
      dnd_end_time: status === 'dnd' ? dndEndTime : 0,
    };
    await this.save(next);
    return next;
  }

  /** Automatic change from activity; ignored while a manual status is set. */
  async setAutomatic(userId: string, status: 'online' | 'away' | 'offline'): Promise<void> {
    await this.getMany([userId]);
    const current = this.known.get(userId);
    const now = Date.now();
    if (current?.manual && !(current.status === 'dnd' && current.dnd_end_time > 0 && current.dnd_end_time * 1000 < now)) return;
    if (current && current.status === status) {
      if (status === 'online' && now - current.last_activity_at > ACTIVITY_REFRESH_MS) {
        await this.store({ ...current, last_activity_at: now });
      }
      return;
    }
    await this.save({ user_id: userId, status, manual: false, last_activity_at: now, dnd_end_time: 0 });
  }

  private async save(status: StatusRecord): Promise<void> {
    await this.store(status);
    // As in Mattermost, only the user's own sessions hear it; other clients poll the statuses they show, so a
    // change costs one send per own socket instead of one per connected socket on the server.
    this.deps.bus.publish(makeEvent('status_change', { status: status.status, user_id: status.user_id }, { user_id: status.user_id }));
  }

  /** Writes the status and tells every node's memory (this one's at once, so a read right after sees it). */
  private async store(status: StatusRecord): Promise<void> {
    await this.deps.store.statuses.save(status);
    this.known.set(status.user_id, status);
    this.deps.bus.publish(makeEvent(STATUS_SAVED, { status: { ...status } }, { user_id: status.user_id }));
  }
}

const offline = (userId: string): StatusRecord => ({ user_id: userId, status: 'offline', manual: false, last_activity_at: 0, dnd_end_time: 0 });

/** The record of a STATUS_SAVED event (as it crossed the bus), else undefined. */
function savedStatus(event: ServerEvent): StatusRecord | undefined {
  if (event.event !== STATUS_SAVED) return undefined;
  const s = event.data.status as Partial<Record<keyof StatusRecord, unknown>> | undefined;
  if (!s || typeof s.user_id !== 'string' || typeof s.status !== 'string' || !STATUS_VALUES.has(s.status) || typeof s.manual !== 'boolean'
    || typeof s.last_activity_at !== 'number' || typeof s.dnd_end_time !== 'number') return undefined;
  return { user_id: s.user_id, status: s.status as StatusValue, manual: s.manual, last_activity_at: s.last_activity_at, dnd_end_time: s.dnd_end_time };
}
