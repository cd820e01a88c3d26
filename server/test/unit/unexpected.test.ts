import { describe, expect, it, vi } from 'vitest';
import { LocalEventBus } from '../../src/cluster/local_bus.js';
import { unexpectedErrors } from '../../src/metrics/registry.js';
import { guarded, reportUnexpected } from '../../src/metrics/unexpected.js';
import { makeEvent, type ServerEvent } from '../../src/model/events.js';

const count = async (source: string): Promise<number> =>
  (await unexpectedErrors.get()).values.find((v) => v.labels.source === source)?.value ?? 0;

describe('unexpected error guards', () => {
  it('reportUnexpected logs and counts by source, and survives a throwing logger', async () => {
    const before = await count('timer');
    const log = { error: vi.fn() };
    reportUnexpected('timer', new Error('boom'), log);
    expect(log.error).toHaveBeenCalledWith(expect.objectContaining({ source: 'timer' }), 'unexpected error');
    expect(() => reportUnexpected('timer', new Error('again'), { error: () => { throw new Error('logger down'); } })).not.toThrow();
    expect(await count('timer')).toBe(before + 2);
  });

  it('guarded swallows a throw and a rejected promise, reporting both', async () => {
    const before = await count('websocket_timer');
    const log = { error: vi.fn() };
    const sync = guarded('websocket_timer', () => {
      throw new Error('sync');
    }, log);
    const async = guarded('websocket_timer', async () => {
      throw new Error('async');
    }, log);
    expect(() => sync()).not.toThrow();
    async();
    await new Promise((resolve) => setImmediate(resolve));
    expect(log.error).toHaveBeenCalledTimes(2);
    expect(await count('websocket_timer')).toBe(before + 2);
  });

  it('a bus subscriber that throws neither fails the publisher nor starves the other subscribers', async () => {
    const before = await count('bus_subscriber');
    const bus = new LocalEventBus({ error: () => {} });
    const seen: ServerEvent[] = [];
    bus.subscribe(() => {
      throw new Error('bad subscriber');
    });
    bus.subscribe((event) => seen.push(event));
    expect(() => bus.publish(makeEvent('hello', {}, {}))).not.toThrow();
    expect(seen).toHaveLength(1);
    expect(await count('bus_subscriber')).toBe(before + 1);
  });
});
