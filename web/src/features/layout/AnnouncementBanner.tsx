import { useState } from 'react';
import { useStore } from '../../store/store';
import { useT } from '../../i18n/useT';
import { Icon } from '../../ui/icons';

const DISMISSED_KEY = 'parley.dismissedBanner';

function dismissedText(): string {
  try {
    return localStorage.getItem(DISMISSED_KEY) ?? '';
  } catch {
    return '';
  }
}

/** The system-wide announcement (AnnouncementSettings); a dismissal lasts until the admin changes the text. */
export function AnnouncementBanner() {
  const t = useT();
  const enabled = useStore((s) => s.config.EnableBanner === 'true');
  const text = useStore((s) => s.config.BannerText ?? '');
  const background = useStore((s) => s.config.BannerColor || '#f2a93b');
  const color = useStore((s) => s.config.BannerTextColor || '#333333');
  const dismissible = useStore((s) => s.config.AllowBannerDismissal === 'true');
  const [dismissed, setDismissed] = useState(dismissedText);
  if (!enabled || !text.trim() || (dismissible && dismissed === text)) return null;
  const dismiss = (): void => {
    try {
      localStorage.setItem(DISMISSED_KEY, text);
    } catch {
      // private mode: the banner stays dismissed for this page only
    }
    setDismissed(text);
  };
  return (
    <div className="announcement-banner" role="status" style={{ background, color }}>
      <span className="announcement-text">{text}</span>
      {dismissible && (
        <button type="button" className="icon-button announcement-close" style={{ color }} aria-label={t('banner.dismiss')} title={t('banner.dismiss')} onClick={dismiss}>
          <Icon name="close" size={16} />
        </button>
      )}
    </div>
  );
}
