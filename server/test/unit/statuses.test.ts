import { describe, expect, it } from 'vitest';
import type { AppDeps } from '../../src/app/deps.js';
import { StatusService } from '../../src/app/statuses.js';
import { settingsFor } from '../../src/app/admin/config.js';
import { LocalEventBus } from '../../src/cluster/local_bus.js';
import { loadConfig } from '../../src/config/load.js';
import { makeEvent, STATUS_SAVED } from '../../src/model/events.js';
import { newId } from '../../src/model/id.js';
import type { StatusRecord } from '../../src/model/types.js';
import type { Store } from '../../src/store/store.js';

/** Statuses over a counting in-memory table. */
function setup(): { statuses: StatusService; bus: LocalEventBus; table: Map<string, StatusRecord>; reads: string[][] } {
  const table = new Map<string, StatusRecord>();
  const reads: string[][] = [];
  const store = {
    statuses: {
      getMany: async (ids: readonly string[]) => {
        reads.push([...ids]);
        return ids.flatMap((id) => table.get(id) ?? []);
      },
      save: async (status: StatusRecord) => void table.set(status.user_id, { ...status }),
    },
  } as unknown as Store;
  const bus = new LocalEventBus();
  const deps: AppDeps = { store, bus, ...settingsFor(loadConfig({}, {})), log: { info() {}, warn() {}, error() {} }, mailer: { send: () => Promise.reject(new Error('no email')), close: () => undefined }, openFileBackend: () => { throw new Error('no files in this test'); }, outbound: { fetchGuarded: () => Promise.reject(new Error('no outbound requests in this test')) } };
  return { statuses: new StatusService(deps), bus, table, reads };
}

const record = (userId: string, status: StatusRecord['status'], manual = false): StatusRecord => ({ user_id: userId, status, manual, last_activity_at: 1, dnd_end_time: 0 });

describe('statuses in memory', () => {
  it('reads each user from the store once, users without a status included', async () => {
    const { statuses, table, reads } = setup();
    const [known, unknown] = [newId(), newId()];
    table.set(known, record(known, 'away'));
    expect((await statuses.getMany([known, unknown, known])).map((s) => s.status)).toEqual(['away', 'offline', 'away']);
    expect((await statuses.getMany([unknown, known])).map((s) => s.status)).toEqual(['offline', 'away']);
    expect(await statuses.get(known)).toMatchObject({ status: 'away' });
    expect(reads).toEqual([[known, unknown]]);
  });

  it('follows saves made here and saves another node announces, without reading again', async () => {
    const { statuses, bus, table, reads } = setup();
    const [mine, elsewhere] = [newId(), newId()];
    await statuses.getMany([mine, elsewhere]);
    await statuses.setManual(mine, 'dnd');
    expect(table.get(mine)).toMatchObject({ status: 'dnd', manual: true });
    // Another node saved this one: only its bus event says so.
    bus.publish(makeEvent(STATUS_SAVED, { status: record(elsewhere, 'online') }, { user_id: elsewhere }));
    expect((await statuses.getMany([mine, elsewhere])).map((s) => s.status)).toEqual(['dnd', 'online']);
    expect(reads).toHaveLength(1);
  });

  it('keeps a manual status over automatic changes it knows of from memory', async () => {
    const { statuses, bus, table } = setup();
    const user = newId();
    bus.publish(makeEvent(STATUS_SAVED, { status: record(user, 'dnd', true) }, { user_id: user }));
    await statuses.setAutomatic(user, 'online');
    expect(table.has(user)).toBe(false);
    expect((await statuses.get(user)).status).toBe('dnd');
  });
});
