import { useEffect, useMemo, useRef, useState } from 'react';
import { useT } from '../../i18n/useT';
import { searchEmoji } from './emoji';

interface EmojiPickerProps {
  onPick: (name: string) => void;
  onClose: () => void;
  /** where to anchor: above or below the trigger */
  placement?: 'above' | 'below';
}

/** Searchable emoji grid: type to filter, arrows/Enter to pick, Esc closes. */
export function EmojiPicker({ onPick, onClose, placement = 'below' }: EmojiPickerProps) {
  const t = useT();
  const [query, setQuery] = useState('');
  const [active, setActive] = useState(0);
  const root = useRef<HTMLDivElement>(null);
  const results = useMemo(() => searchEmoji(query, 120), [query]);
  useEffect(() => {
    const close = (e: MouseEvent): void => {
      if (!root.current?.contains(e.target as Node)) onClose();
    };
    document.addEventListener('mousedown', close);
    return () => document.removeEventListener('mousedown', close);
  }, [onClose]);
  const pick = (name: string): void => {
    onPick(name);
    onClose();
  };
  return (
    <div className={`popover emoji-picker ${placement}`} ref={root} role="dialog" aria-label={t('emoji.picker')}>
      <input
        autoFocus
        className="emoji-search"
        placeholder={t('emoji.search')}
        aria-label={t('emoji.search')}
        value={query}
        onChange={(e) => {
          setQuery(e.target.value);
          setActive(0);
        }}
        onKeyDown={(e) => {
          if (e.key === 'Escape') {
            e.stopPropagation();
            onClose();
          } else if (e.key === 'Enter' && results[active]) {
            e.preventDefault();
            pick(results[active].name);
          } else if (e.key === 'ArrowRight' || e.key === 'ArrowDown') {
            e.preventDefault();
            setActive((a) => Math.min(results.length - 1, a + (e.key === 'ArrowDown' ? 8 : 1)));
          } else if (e.key === 'ArrowLeft' || e.key === 'ArrowUp') {
            e.preventDefault();
            setActive((a) => Math.max(0, a - (e.key === 'ArrowUp' ? 8 : 1)));
          }
        }}
      />
      <div className="emoji-grid" role="listbox" aria-label={t('emoji.results')}>
        {results.map((e, i) => (
          <button
            type="button"
            key={e.name}
            role="option"
            aria-selected={i === active}
            className={i === active ? 'emoji-cell active' : 'emoji-cell'}
            title={`:${e.name}:`}
            aria-label={e.name}
            onMouseEnter={() => setActive(i)}
            onClick={() => pick(e.name)}
          >
            {e.char}
          </button>
        ))}
        {results.length === 0 && <p className="empty">{t('emoji.none')}</p>}
      </div>
      <div className="emoji-preview">{results[active] ? `:${results[active].name}:` : ''}</div>
    </div>
  );
}
