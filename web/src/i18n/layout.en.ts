/** English strings of the phone layout: the sidebar drawer and its button (spread into the catalogue in en.ts). */
export const layoutEn = {
  'layout.openSidebar': 'Open sidebar',
  'layout.closeSidebar': 'Close sidebar',
  'layout.sidebar': 'Sidebar',
} as const;
