import type { StatusRecord } from '../model/types.js';

export interface StatusStore {
  get(userId: string): Promise<StatusRecord | undefined>;
  getMany(userIds: readonly string[]): Promise<StatusRecord[]>;
  save(status: StatusRecord): Promise<void>;
  /** Statuses other than offline, most recently active first. */
  listNotOffline(limit: number): Promise<StatusRecord[]>;
}
