import { describe, expect, it } from 'vitest';
import { eventLoopPacer } from '../../src/app/post_budget.js';

// Lists of huge posts pause for the event loop every 512 KiB they serialise, so other requests get a turn even on
// SQLite, whose reads never wait on I/O.

describe('eventLoopPacer', () => {
  it('gives the event loop a turn once 512 KiB have passed, and not before', async () => {
    const pace = eventLoopPacer();
    let turns = 0;
    const tick = (): void => {
      turns++;
    };
    setImmediate(tick);
    await pace(300 * 1024);
    expect(turns).toBe(0);
    await pace(300 * 1024);
    expect(turns).toBe(1);
    setImmediate(tick);
    await pace(100 * 1024);
    expect(turns).toBe(1);
    await pace(412 * 1024);
    expect(turns).toBe(2);
  });
});
