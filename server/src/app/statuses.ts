import { AppError } from '../model/errors.js';
import { makeEvent } from '../model/events.js';
import type { StatusRecord } from '../model/types.js';
import type { AppDeps } from './deps.js';

export type StatusValue = StatusRecord['status'];
const MANUAL_VALUES: ReadonlySet<string> = new Set(['online', 'away', 'dnd', 'offline', 'ooo']);

/**
 * Presence. Socket activity sets automatic online/away/offline; a manual
 * status (set by the user) wins over automatic changes until cleared.
 */
export class StatusService {
  constructor(private readonly deps: AppDeps) {}

  async get(userId: string): Promise<StatusRecord> {
    return (await this.deps.store.statuses.get(userId)) ?? offline(userId);
  }

  async getMany(userIds: readonly string[]): Promise<StatusRecord[]> {
    const found = new Map((await this.deps.store.statuses.getMany(userIds)).map((s) => [s.user_id, s]));
    return userIds.map((id) => found.get(id) ?? offline(id));
  }

  /** Everyone not offline, most recently active first (statuses are not secret). */
  listNotOffline(limit = 10_000): Promise<StatusRecord[]> {
    return this.deps.store.statuses.listNotOffline(limit);
  }

  /** A status the user chose. `online` clears manual mode. */
  async setManual(userId: string, status: string, dndEndTime = 0): Promise<StatusRecord> {
    if (!MANUAL_VALUES.has(status)) throw new AppError('api.status.invalid_status.app_error', 'Invalid status.', 400);
    const next: StatusRecord = {
      user_id: userId, status: status as StatusValue, manual: status !== 'online', last_activity_at: Date.now(),
      dnd_end_time: status === 'dnd' ? dndEndTime : 0,
    };
    await this.save(next);
    return next;
  }

  /** Automatic change from activity; ignored while a manual status is set. */
  async setAutomatic(userId: string, status: 'online' | 'away' | 'offline'): Promise<void> {
    const current = await this.deps.store.statuses.get(userId);
    const now = Date.now();
    if (current?.manual && !(current.status === 'dnd' && current.dnd_end_time > 0 && current.dnd_end_time * 1000 < now)) return;
    if (current && current.status === status) {
      if (status === 'online' && now - current.last_activity_at > 60_000) {
        await this.deps.store.statuses.save({ ...current, last_activity_at: now });
      }
      return;
    }
    await this.save({ user_id: userId, status, manual: false, last_activity_at: now, dnd_end_time: 0 });
  }

  private async save(status: StatusRecord): Promise<void> {
    await this.deps.store.statuses.save(status);
    // As in Mattermost, only the user's own sessions hear it; other clients poll the statuses they show, so a
    // change costs one send per own socket instead of one per connected socket on the server.
    this.deps.bus.publish(makeEvent('status_change', { status: status.status, user_id: status.user_id }, { user_id: status.user_id }));
  }
}

const offline = (userId: string): StatusRecord => ({ user_id: userId, status: 'offline', manual: false, last_activity_at: 0, dnd_end_time: 0 });
