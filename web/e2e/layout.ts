import { expect } from 'vitest';
import type { Locator, Page } from 'playwright-core';

/** A visible element's box on the page, named for the failure message. */
export interface PlacedBox {
  name: string;
  x: number;
  y: number;
  width: number;
  height: number;
}

/** Boxes of every visible element each locator matches (a locator may match several, e.g. all header buttons). */
export async function visibleBoxes(locators: Locator[]): Promise<PlacedBox[]> {
  const boxes: PlacedBox[] = [];
  for (const locator of locators) {
    for (const element of await locator.all()) {
      if (!(await element.isVisible())) continue;
      const box = await element.boundingBox();
      if (!box || box.width === 0 || box.height === 0) continue;
      const name = await element.evaluate((el) => {
        const label = el.getAttribute('aria-label') ?? el.textContent ?? '';
        return `<${el.tagName.toLowerCase()} class="${el.className instanceof SVGAnimatedString ? el.className.baseVal : el.className}"> ${label.trim().slice(0, 40)}`;
      });
      boxes.push({ name, ...box });
    }
  }
  return boxes;
}

// Edges that merely touch do not overlap; half a pixel absorbs subpixel rounding.
const TOLERANCE = 0.5;

function intersects(a: PlacedBox, b: PlacedBox): boolean {
  return a.x + a.width - TOLERANCE > b.x && b.x + b.width - TOLERANCE > a.x && a.y + a.height - TOLERANCE > b.y && b.y + b.height - TOLERANCE > a.y;
}

/** Pairs of boxes that overlap, as readable strings (empty when none do). */
export function overlaps(boxes: PlacedBox[]): string[] {
  const found: string[] = [];
  for (let i = 0; i < boxes.length; i++) {
    for (let j = i + 1; j < boxes.length; j++) {
      if (intersects(boxes[i], boxes[j])) found.push(`${boxes[i].name} ∩ ${boxes[j].name}`);
    }
  }
  return found;
}

/** Boxes that reach outside the viewport. */
export function outside(boxes: PlacedBox[], viewport: { width: number; height: number }): string[] {
  return boxes
    .filter((b) => b.x < -TOLERANCE || b.y < -TOLERANCE || b.x + b.width > viewport.width + TOLERANCE || b.y + b.height > viewport.height + TOLERANCE)
    .map((b) => `${b.name} at ${Math.round(b.x)},${Math.round(b.y)} ${Math.round(b.width)}×${Math.round(b.height)}`);
}

/**
 * Asserts that the visible elements the locators match lie inside the viewport and do not overlap
 * one another, and that there is at least one of them (a selector that matches nothing proves nothing).
 */
export async function expectSeparateAndOnScreen(page: Page, locators: Locator[], atLeast = 2): Promise<PlacedBox[]> {
  const boxes = await visibleBoxes(locators);
  expect(boxes.length, boxes.map((b) => b.name).join(', ')).toBeGreaterThanOrEqual(atLeast);
  const viewport = page.viewportSize() ?? { width: 0, height: 0 };
  expect(overlaps(boxes)).toEqual([]);
  expect(outside(boxes, viewport)).toEqual([]);
  return boxes;
}

/** The page itself never scrolls sideways (a too-wide element would make it). */
export async function expectNoSidewaysScroll(page: Page): Promise<void> {
  const { scrollWidth, innerWidth } = await page.evaluate(() => ({ scrollWidth: document.documentElement.scrollWidth, innerWidth: window.innerWidth }));
  expect(scrollWidth).toBeLessThanOrEqual(innerWidth);
}

/** Width of the element as a share of the viewport's. */
export async function widthShare(page: Page, locator: Locator): Promise<number> {
  const box = await locator.boundingBox();
  const viewport = page.viewportSize();
  if (!box || !viewport) return 0;
  return box.width / viewport.width;
}
