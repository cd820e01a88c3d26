import { useEffect } from 'react';
import { useStore } from '../../store/store';
import { readableTextColors } from './readableColors';

/** Mattermost's theme keys (stored as JSON in the "theme" preference), the ones Parley uses. */
export interface Theme {
  type: string;
  sidebarBg: string;
  sidebarText: string;
  sidebarUnreadText: string;
  sidebarTextHoverBg: string;
  sidebarTextActiveBorder: string;
  sidebarTextActiveColor: string;
  sidebarHeaderBg: string;
  sidebarHeaderTextColor: string;
  sidebarTeamBarBg: string;
  onlineIndicator: string;
  awayIndicator: string;
  dndIndicator: string;
  mentionBg: string;
  mentionColor: string;
  centerChannelBg: string;
  centerChannelColor: string;
  newMessageSeparator: string;
  linkColor: string;
  buttonBg: string;
  buttonColor: string;
  errorTextColor: string;
  mentionHighlightBg: string;
  mentionHighlightLink: string;
}

export const THEMES: Record<string, Theme> = {
  denim: {
    type: 'Denim', sidebarBg: '#1e325c', sidebarText: '#ffffff', sidebarUnreadText: '#ffffff', sidebarTextHoverBg: '#28427b',
    sidebarTextActiveBorder: '#5d89ea', sidebarTextActiveColor: '#ffffff', sidebarHeaderBg: '#192a4d', sidebarHeaderTextColor: '#ffffff',
    sidebarTeamBarBg: '#14213e', onlineIndicator: '#3db887', awayIndicator: '#ffbc1f', dndIndicator: '#d24b4e', mentionBg: '#ffffff',
    mentionColor: '#1e325c', centerChannelBg: '#ffffff', centerChannelColor: '#3f4350', newMessageSeparator: '#cc8f00',
    linkColor: '#386fe5', buttonBg: '#1c58d9', buttonColor: '#ffffff', errorTextColor: '#d24b4e', mentionHighlightBg: '#ffd470',
    mentionHighlightLink: '#1b1d22',
  },
  sapphire: {
    type: 'Sapphire', sidebarBg: '#174ab5', sidebarText: '#ffffff', sidebarUnreadText: '#ffffff', sidebarTextHoverBg: '#2a58ba',
    sidebarTextActiveBorder: '#57b5f0', sidebarTextActiveColor: '#ffffff', sidebarHeaderBg: '#1542a2', sidebarHeaderTextColor: '#ffffff',
    sidebarTeamBarBg: '#133a91', onlineIndicator: '#3db887', awayIndicator: '#ffbc1f', dndIndicator: '#d24b4e', mentionBg: '#ffffff',
    mentionColor: '#174ab5', centerChannelBg: '#ffffff', centerChannelColor: '#3f4350', newMessageSeparator: '#15b7b7',
    linkColor: '#1c58d9', buttonBg: '#1c58d9', buttonColor: '#ffffff', errorTextColor: '#d24b4e', mentionHighlightBg: '#ffd470',
    mentionHighlightLink: '#1b1d22',
  },
  onyx: {
    type: 'Onyx', sidebarBg: '#202228', sidebarText: '#ffffff', sidebarUnreadText: '#ffffff', sidebarTextHoverBg: '#25262a',
    sidebarTextActiveBorder: '#4a7ce8', sidebarTextActiveColor: '#ffffff', sidebarHeaderBg: '#24272d', sidebarHeaderTextColor: '#ffffff',
    sidebarTeamBarBg: '#16171b', onlineIndicator: '#3db887', awayIndicator: '#ffbc1f', dndIndicator: '#d24b4e', mentionBg: '#4b7ce7',
    mentionColor: '#ffffff', centerChannelBg: '#191b1f', centerChannelColor: '#dddfe4', newMessageSeparator: '#1adbdb',
    linkColor: '#5d89ea', buttonBg: '#4a7ce8', buttonColor: '#ffffff', errorTextColor: '#da6c6e', mentionHighlightBg: '#0d6e6e',
    mentionHighlightLink: '#a4f4f4',
  },
};

export const CUSTOM_KEYS: Array<keyof Theme> = ['sidebarBg', 'sidebarText', 'sidebarTextActiveBorder', 'centerChannelBg', 'centerChannelColor', 'linkColor', 'buttonBg', 'mentionBg', 'newMessageSeparator'];

export function parseTheme(value: string | undefined): Theme {
  if (!value) return THEMES.denim;
  try {
    const parsed = JSON.parse(value) as Partial<Theme>;
    const base = Object.values(THEMES).find((t) => t.type === parsed.type) ?? THEMES.denim;
    return { ...base, ...parsed };
  } catch {
    return THEMES.denim;
  }
}

const kebab = (key: string): string => key.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);

/** "#rrggbb" → "r, g, b" so CSS can mix alpha: rgba(var(--x-rgb), 0.16). */
function rgb(hex: string): string {
  const m = /^#?([0-9a-f]{6})$/i.exec(hex.trim());
  if (!m) return '0, 0, 0';
  const n = parseInt(m[1], 16);
  return `${(n >> 16) & 255}, ${(n >> 8) & 255}, ${n & 255}`;
}

export function applyTheme(theme: Theme, root: HTMLElement = document.documentElement): void {
  for (const [key, value] of Object.entries({ ...theme, ...readableTextColors(theme) })) {
    if (key === 'type') continue;
    root.style.setProperty(`--${kebab(key)}`, value);
    root.style.setProperty(`--${kebab(key)}-rgb`, rgb(value));
  }
  const dark = parseInt(rgb(theme.centerChannelBg).split(',')[0], 10) < 100;
  root.dataset.theme = dark ? 'dark' : 'light';
}

export function useTheme(): void {
  const value = useStore((s) => s.prefs['theme:'] ?? s.prefs[`theme:${s.currentTeamId}`]);
  useEffect(() => applyTheme(parseTheme(value)), [value]);
}
