import { useEffect, useMemo, useRef, useState } from 'react';
import { useT } from '../../i18n/useT';
import { setState, useStore } from '../../store/store';
import { searchEmoji } from './emoji';
import { customEmojiImageUrl, searchCustomEmoji } from './customEmoji';
import { useCustomEmojiSet } from './customEmojiActions';
import '../../styles/media.css';

/** One cell of the grid: a standard emoji (its character) or a custom one (its image). */
interface Cell {
  name: string;
  char?: string;
  customId?: string;
}

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
  const customEnabled = useStore((s) => s.config.EnableCustomEmoji === 'true');
  const customSet = useCustomEmojiSet();
  const standard = useMemo<Cell[]>(() => searchEmoji(query, 120).map((e) => ({ name: e.name, char: e.char })), [query]);
  const custom = useMemo<Cell[]>(
    () => (customEnabled ? searchCustomEmoji(customSet, query).map((e) => ({ name: e.name, customId: e.id })) : []),
    [customEnabled, customSet, query],
  );
  // One list for the keyboard: the standard emoji, then the Custom category.
  const results = useMemo(() => [...standard, ...custom], [standard, custom]);
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
  const cell = (e: Cell, i: number) => (
    <button
      type="button"
      key={e.customId ? `custom-${e.name}` : e.name}
      role="option"
      aria-selected={i === active}
      className={i === active ? 'emoji-cell active' : 'emoji-cell'}
      title={`:${e.name}:`}
      aria-label={e.name}
      onMouseEnter={() => setActive(i)}
      onClick={() => pick(e.name)}
    >
      {e.customId ? <img className="custom-emoji" src={customEmojiImageUrl(e.customId)} alt="" width={22} height={22} loading="lazy" /> : e.char}
    </button>
  );
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
      <div className="emoji-grid grouped" role="listbox" aria-label={t('emoji.results')}>
        {standard.length > 0 && (
          <div className="emoji-group" role="group" aria-label={t('emoji.results')}>
            {standard.map((e, i) => cell(e, i))}
          </div>
        )}
        {custom.length > 0 && (
          <div className="emoji-group" role="group" aria-labelledby="emoji-custom-heading">
            <div className="emoji-category" id="emoji-custom-heading">{t('emoji.custom')}</div>
            {custom.map((e, i) => cell(e, standard.length + i))}
          </div>
        )}
        {results.length === 0 && <p className="empty">{t('emoji.none')}</p>}
      </div>
      <div className="emoji-footer">
        <div className="emoji-preview">{results[active] ? `:${results[active].name}:` : ''}</div>
        {customEnabled && (
          <button
            type="button"
            className="link-button"
            onClick={() => {
              onClose();
              setState({ modal: 'custom-emoji' });
            }}
          >
            {t('emoji.addCustom')}
          </button>
        )}
      </div>
    </div>
  );
}
