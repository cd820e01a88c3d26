import type { Random } from './random.js';

/** Picks an item with probability proportional to its weight (cumulative table, binary search). */
export class WeightedPicker<T> {
  private readonly cumulative: number[] = [];
  private readonly items: T[] = [];
  private readonly total: number;

  constructor(entries: readonly { item: T; weight: number }[]) {
    let sum = 0;
    for (const { item, weight } of entries) {
      if (!(weight > 0)) continue;
      sum += weight;
      this.cumulative.push(sum);
      this.items.push(item);
    }
    if (sum === 0) throw new Error('WeightedPicker needs at least one positive weight');
    this.total = sum;
  }

  pick(random: Random): T {
    const target = random.next() * this.total;
    let low = 0;
    let high = this.cumulative.length - 1;
    while (low < high) {
      const mid = (low + high) >>> 1;
      if (this.cumulative[mid] > target) high = mid;
      else low = mid + 1;
    }
    return this.items[low];
  }
}
