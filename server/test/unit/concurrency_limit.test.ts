import { describe, expect, it } from 'vitest';
import { ConcurrencyLimit } from '../../src/app/concurrency_limit.js';

const tick = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

describe('ConcurrencyLimit', () => {
  it('runs at most the limit at once, the rest in arrival order', async () => {
    const limit = new ConcurrencyLimit(2);
    const gates: (() => void)[] = [];
    const started: number[] = [];
    let running = 0;
    let most = 0;
    const results = [0, 1, 2, 3, 4].map((n) => limit.run(async () => {
      started.push(n);
      running++;
      most = Math.max(most, running);
      await new Promise<void>((resolve) => gates.push(resolve));
      running--;
      return n * 10;
    }));
    await tick();
    expect(started).toEqual([0, 1]);
    expect(limit.queued).toBe(3);
    gates[1]();
    await tick();
    expect(started).toEqual([0, 1, 2]);
    gates[0]();
    await tick();
    expect(started).toEqual([0, 1, 2, 3]);
    for (const open of gates.slice(2)) open();
    await tick();
    gates[4]();
    expect(await Promise.all(results)).toEqual([0, 10, 20, 30, 40]);
    expect(most).toBe(2);
    expect(limit.queued).toBe(0);
  });

  it('frees the slot when a task fails, and reports how long a waiter waited', async () => {
    const waits: number[] = [];
    const limit = new ConcurrencyLimit(1, (seconds) => waits.push(seconds));
    const failing = limit.run(async () => {
      await tick();
      throw new Error('boom');
    });
    const next = limit.run(async () => 'ran');
    await expect(failing).rejects.toThrow('boom');
    expect(await next).toBe('ran');
    expect(waits).toHaveLength(1);
    expect(waits[0]).toBeGreaterThanOrEqual(0);
    expect(await limit.run(async () => 'again')).toBe('again');
  });

  it('refuses with 503 a task whose turn comes after it waited longer than the maximum, and runs the next one', async () => {
    const waits: number[] = [];
    const limit = new ConcurrencyLimit(1, (seconds) => waits.push(seconds), 100);
    let release = (): void => undefined;
    const first = limit.run(() => new Promise<string>((resolve) => { release = () => resolve('first'); }));
    const stale = limit.run(async () => 'stale');
    await new Promise((resolve) => setTimeout(resolve, 250));
    const fresh = limit.run(async () => 'fresh');
    release();
    expect(await first).toBe('first');
    await expect(stale).rejects.toMatchObject({ id: 'app.concurrency_limit.server_busy.app_error', statusCode: 503 });
    expect(await fresh).toBe('fresh');
    expect(waits).toHaveLength(2);
    expect(waits[0]).toBeGreaterThanOrEqual(0.1);
    expect(limit.queued).toBe(0);
    expect(await limit.run(async () => 'again')).toBe('again');
  });
});
