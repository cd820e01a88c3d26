import { lazy, Suspense } from 'react';
import { useT } from '../../i18n/useT';
import '../../styles/emoji.css';

export interface EmojiPickerProps {
  onPick: (name: string) => void;
  onClose: () => void;
  /** where to anchor: above or below the trigger */
  placement?: 'above' | 'below';
}

// The picker (and the emoji data it loads) is a chunk of its own, fetched the first time it opens.
const Panel = lazy(() => import('./EmojiPickerPanel').then((m) => ({ default: m.EmojiPickerPanel })));

/** Emoji picker: categories, search, skin tone, recently used; arrows/Enter to pick, Esc closes. */
export function EmojiPicker(props: EmojiPickerProps) {
  const t = useT();
  const fallback = (
    <div className={`popover emoji-picker ${props.placement ?? 'below'}`} role="dialog" aria-label={t('emoji.picker')} aria-busy="true">
      <p className="empty">{t('emoji.loading')}</p>
    </div>
  );
  return (
    <Suspense fallback={fallback}>
      <Panel {...props} />
    </Suspense>
  );
}
