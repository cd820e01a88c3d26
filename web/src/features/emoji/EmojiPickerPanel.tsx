import { useEffect, useMemo, useRef, useState } from 'react';
import { useT } from '../../i18n/useT';
import { setState, useStore } from '../../store/store';
import { customEmojiImageUrl, searchCustomEmoji } from './customEmoji';
import { useCustomEmojiSet } from './customEmojiActions';
import type { EmojiIndex, EmojiRef } from './emojiIndex';
import { useEmojiIndex } from './emojiStore';
import { recordRecentEmoji, useRecentEmoji, useSkinTone } from './emojiPrefs';
import { spriteClass } from './EmojiImage';
import { SkinToneChooser } from './SkinToneChooser';
import { SECTION_ICONS, sectionLabel } from './pickerLabels';
import { COLUMNS, layoutSections, locate, moveActive, ROW_HEIGHT, TITLE_HEIGHT, visibleRows, type PickerCell, type PickerSection } from './pickerLayout';
import type { SkinTone } from './skinTones';
import type { EmojiPickerProps } from './EmojiPicker';
import '../../styles/media.css';

/** Rows drawn beyond the visible ones, so a fast scroll does not show empty space. */
const OVERSCAN = 4 * ROW_HEIGHT;
const SEARCH_LIMIT = 200;
/** The scrolled area's height (.emoji-scroll in emoji.css). */
const VIEWPORT = 260;

function buildSections(index: EmojiIndex, tone: SkinTone, recent: readonly string[], custom: PickerCell[], query: string): PickerSection[] {
  const standard = (e: EmojiRef): PickerCell => {
    const toned = index.withTone(e, tone);
    return { name: toned.name, ref: toned };
  };
  const sections: PickerSection[] = [];
  if (query) {
    sections.push({ id: 'results', cells: index.search(query, SEARCH_LIMIT).map(standard) });
  } else {
    const recentCells = recent.flatMap((name): PickerCell[] => {
      const ref = index.get(name);
      if (ref) return [{ name, ref }];
      const known = custom.find((c) => c.name === name);
      return known ? [known] : [];
    });
    sections.push({ id: 'recent', cells: recentCells });
    for (const c of index.categories) sections.push({ id: c.name, cells: c.emoji.map(standard) });
  }
  sections.push({ id: 'custom', cells: custom });
  return sections.filter((s) => s.cells.length > 0);
}

function CellImage({ cell }: { cell: PickerCell }) {
  if (cell.customId) return <img className="custom-emoji" src={customEmojiImageUrl(cell.customId)} alt="" width={24} height={24} loading="lazy" />;
  if (!cell.ref) return null;
  return <span className={spriteClass(cell.ref)} aria-hidden="true">{cell.ref.char}</span>;
}

/** Emoji by category (recently used first, custom last) with a skin tone; typing searches by name and keyword. */
export function EmojiPickerPanel({ onPick, onClose, placement = 'below' }: EmojiPickerProps) {
  const t = useT();
  const index = useEmojiIndex();
  const tone = useSkinTone();
  const recent = useRecentEmoji();
  const [query, setQuery] = useState('');
  const [active, setActive] = useState(0);
  const [scrollTop, setScrollTop] = useState(0);
  const root = useRef<HTMLDivElement>(null);
  const scroller = useRef<HTMLDivElement>(null);
  const customEnabled = useStore((s) => s.config.EnableCustomEmoji === 'true');
  const customSet = useCustomEmojiSet();
  const custom = useMemo<PickerCell[]>(
    () => (customEnabled ? searchCustomEmoji(customSet, query).map((e) => ({ name: e.name, customId: e.id })) : []),
    [customEnabled, customSet, query],
  );
  const sections = useMemo(() => (index ? buildSections(index, tone, recent, custom, query.trim().toLowerCase()) : []), [index, tone, recent, custom, query]);
  const layout = useMemo(() => layoutSections(sections), [sections]);
  const activeCell = locate(layout.boxes, active);

  useEffect(() => {
    const close = (e: MouseEvent): void => {
      if (!root.current?.contains(e.target as Node)) onClose();
    };
    document.addEventListener('mousedown', close);
    return () => document.removeEventListener('mousedown', close);
  }, [onClose]);

  const scrollTo = (top: number): void => {
    if (scroller.current) scroller.current.scrollTop = top;
    setScrollTop(top);
  };
  // Keyboard moves keep the active cell in view.
  const reveal = (cell: number): void => {
    const at = locate(layout.boxes, cell);
    const el = scroller.current;
    if (!at || !el) return;
    const top = at.box.top + TITLE_HEIGHT + at.row * ROW_HEIGHT;
    if (top - TITLE_HEIGHT < el.scrollTop) scrollTo(top - TITLE_HEIGHT);
    else if (top + ROW_HEIGHT > el.scrollTop + el.clientHeight) scrollTo(top + ROW_HEIGHT - el.clientHeight);
  };
  const pick = (name: string): void => {
    recordRecentEmoji(name);
    onPick(name);
    onClose();
  };

  const currentSection = layout.boxes.reduce<string>((id, b) => (b.top <= scrollTop + 1 ? b.section.id : id), layout.boxes[0]?.section.id ?? '');
  const preview = activeCell?.box.section.cells[active - activeCell.box.firstCell];

  return (
    <div className={`popover emoji-picker ${placement}`} ref={root} role="dialog" aria-label={t('emoji.picker')}>
      <div className="emoji-picker-top">
        <input
          autoFocus
          className="emoji-search"
          placeholder={t('emoji.search')}
          aria-label={t('emoji.search')}
          value={query}
          onChange={(e) => {
            setQuery(e.target.value);
            setActive(0);
            scrollTo(0);
          }}
          onKeyDown={(e) => {
            if (e.key === 'Escape') {
              e.stopPropagation();
              onClose();
            } else if (e.key === 'Enter' && preview) {
              e.preventDefault();
              pick(preview.name);
            } else if (e.key === 'ArrowRight' || e.key === 'ArrowDown' || e.key === 'ArrowLeft' || e.key === 'ArrowUp') {
              e.preventDefault();
              const next = moveActive(layout.boxes, active, e.key);
              setActive(next);
              reveal(next);
            }
          }}
        />
        {index && <SkinToneChooser index={index} tone={tone} />}
      </div>
      {index && !query && (
        <div className="emoji-categories" role="toolbar" aria-label={t('emoji.categories')}>
          {layout.boxes.map((b) => {
            const icon = index.get(SECTION_ICONS[b.section.id] ?? '');
            const label = sectionLabel(t, b.section.id);
            return (
              <button key={b.section.id} type="button" aria-label={label} title={label} aria-current={b.section.id === currentSection} onClick={() => scrollTo(b.top)}>
                {icon && <span className={spriteClass(icon)} aria-hidden="true">{icon.char}</span>}
              </button>
            );
          })}
        </div>
      )}
      <div className="emoji-scroll" ref={scroller} onScroll={(e) => setScrollTop(e.currentTarget.scrollTop)}>
        {!index && <p className="empty">{t('emoji.loading')}</p>}
        {index && layout.cells === 0 && <p className="empty">{t('emoji.none')}</p>}
        <div role="listbox" aria-label={t('emoji.results')} style={{ height: layout.height }}>
          {layout.boxes.map((b) => {
            const label = sectionLabel(t, b.section.id);
            const rows = visibleRows(b, scrollTop - OVERSCAN, scrollTop + VIEWPORT + OVERSCAN);
            return (
              <div key={b.section.id} className="emoji-section" role="group" aria-label={label} style={{ height: TITLE_HEIGHT + b.rows * ROW_HEIGHT }}>
                <div className="emoji-section-title" aria-hidden="true">{label}</div>
                {rows && (
                  <div style={{ paddingTop: rows[0] * ROW_HEIGHT }}>
                    {Array.from({ length: rows[1] - rows[0] }, (_, r) => {
                      const row = rows[0] + r;
                      return (
                        <div key={row} className="emoji-row">
                          {b.section.cells.slice(row * COLUMNS, (row + 1) * COLUMNS).map((cell, c) => {
                            const i = b.firstCell + row * COLUMNS + c;
                            return (
                              <button
                                type="button"
                                key={cell.customId ? `custom-${cell.name}` : cell.name}
                                role="option"
                                aria-selected={i === active}
                                className={i === active ? 'emoji-cell active' : 'emoji-cell'}
                                title={`:${cell.name}:`}
                                aria-label={cell.name}
                                onMouseEnter={() => setActive(i)}
                                onClick={() => pick(cell.name)}
                              >
                                <CellImage cell={cell} />
                              </button>
                            );
                          })}
                        </div>
                      );
                    })}
                  </div>
                )}
              </div>
            );
          })}
        </div>
      </div>
      <div className="emoji-footer">
        <div className="emoji-preview">
          {preview && <CellImage cell={preview} />}
          {preview ? `:${preview.name}:` : ''}
        </div>
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
