import { describe, expect, it } from 'vitest';
import { countScale, dailySeries, labelledIndexes } from '../src/features/admin/reporting/chart';
import { parseLogLine, visibleLogLines } from '../src/features/admin/reporting/logs';

describe('posts-per-day series', () => {
  it('orders days oldest first and fills days without posts with 0', () => {
    const rows = [{ name: '2024-03-04', value: 7 }, { name: '2024-02-28', value: 2 }, { name: '2024-03-01', value: 5 }];
    expect(dailySeries(rows)).toEqual([
      { day: '2024-02-28', value: 2 }, { day: '2024-02-29', value: 0 }, { day: '2024-03-01', value: 5 },
      { day: '2024-03-02', value: 0 }, { day: '2024-03-03', value: 0 }, { day: '2024-03-04', value: 7 },
    ]);
  });

  it('leaves out rows that are not days and the server\'s -1 "not counted"', () => {
    expect(dailySeries([{ name: '', value: -1 }])).toEqual([]);
    expect(dailySeries([{ name: 'total', value: 3 }, { name: '2024-1-5', value: 1 }, { name: '2024-01-06', value: -1 }])).toEqual([{ day: '2024-01-05', value: 1 }]);
  });
});

describe('count axis', () => {
  it('rounds the top up to a multiple of a 1-2-5 step', () => {
    expect(countScale([7])).toEqual({ max: 8, ticks: [0, 2, 4, 6, 8] });
    expect(countScale([103, 40])).toEqual({ max: 150, ticks: [0, 50, 100, 150] });
    expect(countScale([1000])).toEqual({ max: 1000, ticks: [0, 500, 1000] });
  });

  it('never steps by less than one (counts are whole) and has an axis for all-zero data', () => {
    expect(countScale([0, 0])).toEqual({ max: 1, ticks: [0, 1] });
    expect(countScale([3])).toEqual({ max: 3, ticks: [0, 1, 2, 3] });
    expect(countScale([])).toEqual({ max: 1, ticks: [0, 1] });
  });

  it('labels at most the asked number of bars, always the newest', () => {
    const shown = labelledIndexes(30, 8);
    expect(shown.size).toBeLessThanOrEqual(8);
    expect(shown.has(29)).toBe(true);
    expect([...labelledIndexes(3, 8)].sort()).toEqual([0, 1, 2]);
  });
});

describe('server log lines', () => {
  it('reads pino lines (numeric level, epoch time) and keeps extra fields', () => {
    const line = parseLogLine(JSON.stringify({ level: 50, time: 1700000000000, pid: 1, hostname: 'h', msg: 'boom', err: 'E' }));
    expect(line).toMatchObject({ level: 'error', time: 1700000000000, message: 'boom', fields: '{"err":"E"}' });
  });

  it('reads Mattermost-style lines (level names, timestamp text)', () => {
    const line = parseLogLine(JSON.stringify({ level: 'warn', timestamp: '2024-03-01T10:00:00.000Z', msg: 'slow', caller: 'x.go:1' }));
    expect(line).toMatchObject({ level: 'warn', time: Date.parse('2024-03-01T10:00:00.000Z'), message: 'slow' });
  });

  it('shows text that is not JSON as it is', () => {
    expect(parseLogLine('plain text')).toMatchObject({ level: 'info', time: 0, message: 'plain text' });
    expect(parseLogLine('[1,2]')).toMatchObject({ message: '[1,2]' });
  });

  it('filters by minimum level and puts the newest line last', () => {
    const lines = [
      parseLogLine(JSON.stringify({ level: 30, time: 3, msg: 'c' })),
      parseLogLine(JSON.stringify({ level: 20, time: 2, msg: 'b' })),
      parseLogLine(JSON.stringify({ level: 40, time: 1, msg: 'a' })),
    ];
    expect(visibleLogLines(lines, 'debug').map((l) => l.message)).toEqual(['a', 'b', 'c']);
    expect(visibleLogLines(lines, 'info').map((l) => l.message)).toEqual(['a', 'c']);
    expect(visibleLogLines(lines, 'error')).toEqual([]);
    expect(visibleLogLines([...lines].reverse(), 'debug').map((l) => l.message)).toEqual(['a', 'b', 'c']);
  });
});
