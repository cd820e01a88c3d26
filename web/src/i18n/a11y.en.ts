/** English strings of keyboard access: the skip link (spread into the catalogue in en.ts). */
export const a11yEn = {
  'a11y.skipToComposer': 'Skip to message box',
} as const;
