import { useEffect } from 'react';
import { tabbableElements } from '../../ui/focusTrap';

/** A part of the workspace F6 jumps to, and the control in it that takes focus first. */
interface Region {
  name: string;
  /** The region's outline; focus anywhere inside counts as being in it. */
  area: string;
  /** Where focus lands, most wanted first; else the first control of the area. */
  landing: string[];
}

/** Mattermost's order: sidebar, channel (header and messages), message box, right panel. */
export const REGIONS: Region[] = [
  { name: 'sidebar', area: '.channel-sidebar', landing: ['.sidebar-item.active', '.sidebar-item'] },
  { name: 'channel', area: '.center .channel-header, .center .post-list, .center .threads-view', landing: ['.post-list article.post[tabindex="0"]', '.post-list'] },
  { name: 'composer', area: '.center .composer-area', landing: ['textarea'] },
  { name: 'rhs', area: '.rhs', landing: ['.composer textarea', 'article.post[tabindex="0"]'] },
];

function areasOf(region: Region): HTMLElement[] {
  return [...document.querySelectorAll<HTMLElement>(region.area)].filter((el) => el.getClientRects().length > 0);
}

/** The region holding `el`, as an index into REGIONS, or -1. */
export function regionIndexOf(el: Element | null): number {
  if (!el) return -1;
  return REGIONS.findIndex((region) => areasOf(region).some((area) => area.contains(el)));
}

/** Focuses the region's landing control; false when the region is not on screen. */
function focusRegion(region: Region): boolean {
  const areas = areasOf(region);
  if (areas.length === 0) return false;
  for (const selector of region.landing) {
    const target = areas.map((area) => (area.matches(selector) ? area : area.querySelector<HTMLElement>(selector))).find(Boolean);
    if (target) {
      if (target.tabIndex < 0 && !target.hasAttribute('tabindex')) target.tabIndex = -1;
      target.focus();
      return true;
    }
  }
  const first = areas.flatMap((area) => tabbableElements(area))[0];
  if (!first) return false;
  first.focus();
  return true;
}

/** Moves focus to the next (or previous) region on screen after the one holding focus. */
export function cycleRegion(backwards: boolean): void {
  const current = regionIndexOf(document.activeElement);
  const step = backwards ? -1 : 1;
  for (let i = 1; i <= REGIONS.length; i += 1) {
    const index = (((current < 0 && backwards ? 0 : current) + step * i) % REGIONS.length + REGIONS.length) % REGIONS.length;
    if (focusRegion(REGIONS[index])) return;
  }
}

/** F6 / Shift+F6 cycle focus through the workspace's regions, as in Mattermost and desktop apps. */
export function useRegionCycling(): void {
  useEffect(() => {
    const onKey = (e: KeyboardEvent): void => {
      if (e.key !== 'F6' || e.ctrlKey || e.metaKey || e.altKey) return;
      // A dialog keeps focus; F6 is the page's, not the dialog's.
      if (document.activeElement?.closest('[role="dialog"][aria-modal="true"]')) return;
      e.preventDefault();
      cycleRegion(e.shiftKey);
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);
}
