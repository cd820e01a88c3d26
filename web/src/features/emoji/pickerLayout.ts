import type { EmojiRef } from './emojiIndex';

/** One cell of the picker: a standard emoji (its sprite) or a custom one (its image). */
export interface PickerCell {
  name: string;
  ref?: EmojiRef;
  customId?: string;
}

export interface PickerSection {
  /** `recent`, `results`, `custom` or the data's category name */
  id: string;
  cells: PickerCell[];
}

export const COLUMNS = 9;
export const ROW_HEIGHT = 36;
export const TITLE_HEIGHT = 28;

export interface SectionBox {
  section: PickerSection;
  /** where the section starts in the scrolled content */
  top: number;
  rows: number;
  /** index of its first cell in the flat list the keyboard moves through */
  firstCell: number;
}

/** Every section's place: heights are fixed, so the picker can render only what is in view. */
export function layoutSections(sections: readonly PickerSection[]): { boxes: SectionBox[]; height: number; cells: number } {
  let top = 0;
  let firstCell = 0;
  const boxes = sections.map((section) => {
    const rows = Math.ceil(section.cells.length / COLUMNS);
    const box = { section, top, rows, firstCell };
    top += TITLE_HEIGHT + rows * ROW_HEIGHT;
    firstCell += section.cells.length;
    return box;
  });
  return { boxes, height: top, cells: firstCell };
}

/** The rows of a section within [from, to) of the content (inclusive first, exclusive last), or null when none is. */
export function visibleRows(box: SectionBox, from: number, to: number): [number, number] | null {
  const rowsTop = box.top + TITLE_HEIGHT;
  const first = Math.max(0, Math.floor((from - rowsTop) / ROW_HEIGHT));
  const last = Math.min(box.rows, Math.ceil((to - rowsTop) / ROW_HEIGHT));
  return last > first ? [first, last] : null;
}

function lastWhere<T>(list: readonly T[], test: (item: T) => boolean): T | undefined {
  for (let i = list.length - 1; i >= 0; i--) if (test(list[i])) return list[i];
  return undefined;
}

/** The section and row of a flat cell index. */
export function locate(boxes: readonly SectionBox[], cell: number): { box: SectionBox; row: number; col: number } | null {
  const box = lastWhere(boxes, (b) => b.firstCell <= cell);
  if (!box || cell - box.firstCell >= box.section.cells.length) return null;
  const at = cell - box.firstCell;
  return { box, row: Math.floor(at / COLUMNS), col: at % COLUMNS };
}

/** Arrow keys: left/right step through cells, up/down move a row (across sections, keeping the column where it can). */
export function moveActive(boxes: readonly SectionBox[], cell: number, key: 'ArrowLeft' | 'ArrowRight' | 'ArrowUp' | 'ArrowDown'): number {
  const total = boxes.reduce((n, b) => n + b.section.cells.length, 0);
  if (total === 0) return 0;
  if (key === 'ArrowLeft') return Math.max(0, cell - 1);
  if (key === 'ArrowRight') return Math.min(total - 1, cell + 1);
  const here = locate(boxes, cell);
  if (!here) return 0;
  const i = boxes.indexOf(here.box);
  const rowStart = (b: SectionBox, row: number): number => b.firstCell + row * COLUMNS;
  const inRow = (b: SectionBox, row: number): number => Math.min(rowStart(b, row) + here.col, b.firstCell + b.section.cells.length - 1);
  if (key === 'ArrowDown') {
    if (here.row + 1 < here.box.rows) return inRow(here.box, here.row + 1);
    const next = boxes.slice(i + 1).find((b) => b.rows > 0);
    return next ? inRow(next, 0) : cell;
  }
  if (here.row > 0) return inRow(here.box, here.row - 1);
  const prev = lastWhere(boxes.slice(0, i), (b) => b.rows > 0);
  return prev ? inRow(prev, prev.rows - 1) : cell;
}
