import type { layoutEn } from './layout.en';

/** German strings of the phone layout: the sidebar drawer and its button. */
export const layoutDe: Record<keyof typeof layoutEn, string> = {
  'layout.openSidebar': 'Seitenleiste öffnen',
  'layout.closeSidebar': 'Seitenleiste schließen',
  'layout.sidebar': 'Seitenleiste',
};
