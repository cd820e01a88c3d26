import { describe, expect, it } from 'vitest';
import { RecentLogLines } from '../../src/app/admin/log_lines.js';

describe('RecentLogLines', () => {
  it('keeps the newest lines within the line bound and pages back from the newest', () => {
    const lines = new RecentLogLines(5, 1_000_000);
    for (let i = 1; i <= 8; i++) lines.write(`line ${i}\n`);
    expect(lines.page(0, 10)).toEqual(['line 4', 'line 5', 'line 6', 'line 7', 'line 8']);
    expect(lines.page(0, 2)).toEqual(['line 7', 'line 8']);
    expect(lines.page(1, 2)).toEqual(['line 5', 'line 6']);
    expect(lines.page(2, 2)).toEqual(['line 4']);
    expect(lines.page(3, 2)).toEqual([]);
  });

  it('drops the oldest lines when the character bound is reached, and splits writes into lines', () => {
    const lines = new RecentLogLines(100, 20);
    lines.write('aaaaaaaaaa\nbbbbbbbbbb\n');
    lines.write('cccccccccc\n');
    expect(lines.page(0, 100)).toEqual(['bbbbbbbbbb', 'cccccccccc']);
  });

  it('leaves out a single line longer than a line may be', () => {
    const lines = new RecentLogLines();
    lines.write(`${'x'.repeat(70_000)}\nshort\n`);
    expect(lines.page(0, 10)).toEqual(['short']);
  });
});
