import { ACTIONS, buildReport, emptyCounters, Histogram, percentileMs, POSTED_DELIVERY, Random, Stats, UserState, WeightedPicker, type Counters, type Verdict } from '@parley/loadtest';
import { describe, expect, it } from 'vitest';

// The load generator's own arithmetic: percentiles from its fixed-memory
// histogram, and the weighted action picker's distribution.

function exactPercentile(sorted: number[], fraction: number): number {
  return sorted[Math.max(0, Math.ceil(sorted.length * fraction) - 1)];
}

describe('loadtest latency histogram', () => {
  it('gives percentiles within a bucket (±2 %) of the exact ones, and the exact average', () => {
    const random = new Random(42);
    const samples = Array.from({ length: 50_000 }, () => random.exponential(40) + random.next() * 3);
    const histogram = new Histogram();
    for (const s of samples) histogram.record(s);
    const data = histogram.data();
    const sorted = [...samples].sort((a, b) => a - b);
    for (const fraction of [0.5, 0.9, 0.99, 0.999]) {
      const exact = exactPercentile(sorted, fraction);
      expect(Math.abs(percentileMs(data, fraction) - exact) / exact, `p${fraction * 100}`).toBeLessThan(0.02);
    }
    expect(data.count).toBe(samples.length);
    expect(data.sumMs / data.count).toBeCloseTo(samples.reduce((a, b) => a + b, 0) / samples.length, 6);
    expect(data.maxMs).toBe(sorted[sorted.length - 1]);
  });

  it('reports a single slow sample as the p99 of a small set, and never above the maximum', () => {
    const histogram = new Histogram();
    for (let i = 0; i < 99; i++) histogram.record(5);
    histogram.record(3_000);
    const data = histogram.data();
    expect(percentileMs(data, 0.99)).toBeCloseTo(5, 0);
    expect(percentileMs(data, 1)).toBeLessThanOrEqual(3_000);
    expect(percentileMs(data, 1)).toBeGreaterThan(2_940);
  });
});

describe('loadtest weighted action picker', () => {
  it('picks each item in proportion to its weight', () => {
    const picker = new WeightedPicker([{ item: 'a', weight: 6.5 }, { item: 'b', weight: 2 }, { item: 'c', weight: 1 }, { item: 'never', weight: 0 }, { item: 'd', weight: 0.5 }]);
    const random = new Random(1);
    const counts = new Map<string, number>();
    const n = 200_000;
    for (let i = 0; i < n; i++) {
      const item = picker.pick(random);
      counts.set(item, (counts.get(item) ?? 0) + 1);
    }
    expect(counts.get('never')).toBeUndefined();
    for (const [item, weight] of [['a', 6.5], ['b', 2], ['c', 1], ['d', 0.5]] as const) {
      expect(Math.abs((counts.get(item) ?? 0) / n - weight / 10), item).toBeLessThan(0.005);
    }
  });

  it('uses load-test-ng\'s frequencies, switching channels most often', () => {
    const total = ACTIONS.reduce((sum, a) => sum + a.weight, 0);
    const share = (name: string): number => (ACTIONS.find((a) => a.action.name === name)?.weight ?? 0) / total;
    expect(share('SwitchChannel')).toBeGreaterThan(0.4);
    expect(share('CreatePost') / share('SwitchChannel')).toBeCloseTo(1 / 6.5219, 3);
    expect(share('ScrollChannel')).toBeGreaterThan(share('UnreadCheck'));
  });
});

describe('loadtest user state', () => {
  it('forgets the previous channel\'s posts on entering another, so a failed load leaves nothing to scroll or reply to', () => {
    const state = new UserState('me');
    state.enter({ id: 'c1', type: 'O', name: 'one', teamId: 't' });
    state.showPosts({ order: ['p2', 'p1'], posts: { p1: { id: 'p1', user_id: 'u', root_id: '', create_at: 1 }, p2: { id: 'p2', user_id: 'u', root_id: '', create_at: 2 } } }, true);
    expect(state.oldestLoaded).toBe('p1');
    state.enter({ id: 'c2', type: 'O', name: 'two', teamId: 't' });
    expect(state.current?.id).toBe('c2');
    expect(state.posts).toEqual([]);
    expect(state.oldestLoaded).toBe('');
  });
});

/** The verdict of a run with these statistics and counters, as its report gives it. */
const verdictOf = (stats: Stats, counters: Counters, users: number): Verdict =>
  buildReport({ url: '', users, seconds: 1, stats: stats.data(), counters, generatorCpuSeconds: 0, allOnlineAfterSeconds: null }).verdict;

describe('loadtest verdict', () => {
  it('counts a socket its user is reopening on purpose as live, and one that is simply closed as not', () => {
    const stats = new Stats();
    stats.record('GET /x', 5, 'ok');
    const liveCheck = (socketsOpen: number, rejoining: number): boolean | undefined =>
      verdictOf(stats, { ...emptyCounters(), usersOnline: 10, socketsOpen, rejoining }, 10).checks.find((c) => c.name === 'live sockets')?.pass;
    expect(liveCheck(10, 0)).toBe(true);
    expect(liveCheck(9, 1)).toBe(true);
    expect(liveCheck(9, 0)).toBe(false);
  });
});

describe('loadtest delivery criterion', () => {
  it('fails a run whose posts reach sockets later than 2 s at p99, however fast the requests', () => {
    const counters = { ...emptyCounters(), usersOnline: 1, socketsOpen: 1 };
    const timely = new Stats();
    const late = new Stats();
    for (const stats of [timely, late]) for (let i = 0; i < 100; i++) stats.record('GET /x', 5, 'ok');
    for (let i = 0; i < 100; i++) timely.record(POSTED_DELIVERY, 300, 'ok');
    for (let i = 0; i < 100; i++) late.record(POSTED_DELIVERY, i < 95 ? 300 : 9_000, 'ok');
    expect(verdictOf(timely, counters, 1).pass).toBe(true);
    const verdict = verdictOf(late, counters, 1);
    expect(verdict.pass).toBe(false);
    expect(verdict.checks.filter((c) => !c.pass).map((c) => c.name)).toEqual(['posted delivery p99 (ms)']);
  });
});
