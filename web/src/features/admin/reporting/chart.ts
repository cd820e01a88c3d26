import type { AnalyticsRow } from '@mattermost/types/admin';

export interface DayCount {
  /** YYYY-MM-DD */
  day: string;
  value: number;
}

const DAY_MS = 24 * 60 * 60 * 1000;
const DAY_NAME = /^(\d{4})-(\d{1,2})-(\d{1,2})$/;

function dayNumber(name: string): number | undefined {
  const m = DAY_NAME.exec(name);
  return m ? Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])) / DAY_MS : undefined;
}

const dayName = (n: number): string => new Date(n * DAY_MS).toISOString().slice(0, 10);

/**
 * Rows of /analytics/old?name=post_counts_day (one row per day that had posts, newest first, name
 * YYYY-MM-DD) as a continuous oldest-first series: days without a row count 0. Rows that are not a
 * day, and the -1 the server sends when it skipped a costly count, are left out.
 */
export function dailySeries(rows: AnalyticsRow[]): DayCount[] {
  const byDay = new Map<number, number>();
  for (const row of rows) {
    const n = dayNumber(row.name);
    if (n !== undefined && row.value >= 0) byDay.set(n, (byDay.get(n) ?? 0) + row.value);
  }
  if (byDay.size === 0) return [];
  const days = [...byDay.keys()];
  const first = Math.min(...days);
  const last = Math.max(...days);
  const series: DayCount[] = [];
  for (let n = first; n <= last; n++) series.push({ day: dayName(n), value: byDay.get(n) ?? 0 });
  return series;
}

/** The smallest of 1, 2, 5 × 10^k (at least 1: counts are whole) that is ≥ `rough`. */
function niceStep(rough: number): number {
  if (rough <= 1) return 1;
  const magnitude = 10 ** Math.floor(Math.log10(rough));
  const step = [1, 2, 5, 10].map((f) => f * magnitude).find((s) => s >= rough);
  return step ?? 10 * magnitude;
}

export interface Scale {
  /** top of the axis: a multiple of the tick step, ≥ every value */
  max: number;
  /** axis labels from 0 to max */
  ticks: number[];
}

/** A y axis for counts with about `tickCount` round steps. */
export function countScale(values: number[], tickCount = 4): Scale {
  const highest = Math.max(0, ...values);
  const step = niceStep(highest / tickCount);
  const max = Math.max(step, Math.ceil(highest / step) * step);
  const ticks: number[] = [];
  for (let v = 0; v <= max; v += step) ticks.push(v);
  return { max, ticks };
}

/** Which x labels to print so that at most `maxLabels` show, always including the last (today's) bar. */
export function labelledIndexes(count: number, maxLabels: number): Set<number> {
  const every = Math.max(1, Math.ceil(count / Math.max(1, maxLabels)));
  const shown = new Set<number>();
  for (let i = count - 1; i >= 0; i -= every) shown.add(i);
  return shown;
}
