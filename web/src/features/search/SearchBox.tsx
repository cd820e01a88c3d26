import { useEffect, useRef, useState, type KeyboardEvent } from 'react';
import { setState, useStore } from '../../store/store';
import { useT } from '../../i18n/useT';
import { Icon } from '../../ui/icons';
import { Avatar } from '../people/Avatar';
import { PersonLabel } from '../people/PersonLabel';
import { openSearch } from './searchApi';
import { applySearchCompletion, findSearchTrigger } from './terms';
import { useSearchSuggestions, type SearchSuggestion } from './useSearchSuggestions';
import '../../styles/search.css';

function SuggestionRow({ s, active, id, onPick }: { s: SearchSuggestion; active: boolean; id: string; onPick: () => void }) {
  return (
    <li
      id={id}
      role="option"
      aria-selected={active}
      className={`suggestion ${active ? 'active' : ''}`}
      onMouseDown={(e) => e.preventDefault()}
      onClick={onPick}
    >
      {s.userId ? <Avatar userId={s.userId} size={20} /> : <Icon name={s.channelType === 'P' ? 'lock' : s.channelType === 'O' ? 'hash' : 'message'} size={16} />}
      {s.user ? (
        <PersonLabel user={s.user} />
      ) : (
        <>
          <span className="suggestion-label">{s.label}</span>
          <span className="suggestion-detail">{s.detail}</span>
        </>
      )}
    </li>
  );
}

/**
 * The top bar's search field. Focus shows the syntax hints; typing after `from:` or `in:` offers
 * people or channels; Enter searches and shows the results in the right-hand panel.
 */
export function SearchBox() {
  const t = useT();
  const shownTerms = useStore((s) => (s.rhs?.kind === 'search' ? s.rhs.terms : null));
  // Behind an open dialog (the switcher, settings…) the box is inert, as the rest of the page should be.
  const behindModal = useStore((s) => s.modal !== '');
  const [value, setValue] = useState('');
  const [caret, setCaret] = useState(0);
  const [focused, setFocused] = useState(false);
  const [popoverClosed, setPopoverClosed] = useState(false);
  const [active, setActive] = useState(0);
  const input = useRef<HTMLInputElement>(null);
  const root = useRef<HTMLDivElement>(null);

  // A search started elsewhere (a clicked #hashtag) shows its words here.
  useEffect(() => {
    if (shownTerms !== null) setValue(shownTerms);
  }, [shownTerms]);

  const trigger = focused ? findSearchTrigger(value, caret) : null;
  const suggestions = useSearchSuggestions(trigger);
  const showSuggestions = focused && !popoverClosed && trigger !== null && suggestions.length > 0;
  const showHints = focused && !popoverClosed && trigger === null && value.trim() === '';
  const activeIndex = Math.min(active, Math.max(0, suggestions.length - 1));

  const setText = (text: string, at: number): void => {
    setValue(text);
    setCaret(at);
    setActive(0);
    setPopoverClosed(false);
    requestAnimationFrame(() => {
      input.current?.focus();
      input.current?.setSelectionRange(at, at);
    });
  };

  const pick = (s: SearchSuggestion | undefined): void => {
    if (!s || !trigger) return;
    const next = applySearchCompletion(value, caret, trigger, s.value);
    setText(next.text, next.caret);
  };

  // The syntax hints shown under the empty box; choosing one types its prefix (the prefix* hint has nothing to type).
  const hints: { insert: string; example: string; text: string }[] = [
    { insert: 'from:', example: 'from:', text: t('search.hint.from') },
    { insert: 'in:', example: 'in:', text: t('search.hint.in') },
    { insert: 'on:', example: 'on:YYYY-MM-DD', text: t('search.hint.on') },
    { insert: 'before:', example: 'before:YYYY-MM-DD', text: t('search.hint.before') },
    { insert: 'after:', example: 'after:YYYY-MM-DD', text: t('search.hint.after') },
    { insert: '-', example: '-word', text: t('search.hint.exclude') },
    { insert: '"', example: '"…"', text: t('search.hint.phrase') },
    { insert: '', example: 'word*', text: t('search.hint.prefix') },
    { insert: '#', example: '#hashtag', text: t('search.hint.hashtag') },
  ];

  const insertHint = (prefix: string): void => {
    const base = value && !/\s$/.test(value) ? `${value} ` : value;
    const text = `${base}${prefix}`;
    setText(text, text.length);
  };

  const submit = (): void => {
    if (!value.trim()) return;
    openSearch(value);
    input.current?.blur();
  };

  const onKeyDown = (e: KeyboardEvent<HTMLInputElement>): void => {
    if (showSuggestions && (e.key === 'ArrowDown' || e.key === 'ArrowUp')) {
      e.preventDefault();
      const delta = e.key === 'ArrowDown' ? 1 : -1;
      setActive((activeIndex + delta + suggestions.length) % suggestions.length);
    } else if (showSuggestions && (e.key === 'Enter' || e.key === 'Tab')) {
      e.preventDefault();
      pick(suggestions[activeIndex]);
    } else if (e.key === 'Enter') {
      e.preventDefault();
      submit();
    } else if (e.key === 'Escape') {
      e.preventDefault();
      // Inside the box Esc is ours: it must not also reach the workspace's "mark channel read" shortcut.
      e.stopPropagation();
      if (showSuggestions || showHints) setPopoverClosed(true);
      else input.current?.blur();
    }
  };

  return (
    <div
      className={`top-search search-box ${focused ? 'focused' : ''}`}
      role="search"
      ref={root}
      inert={behindModal}
      aria-hidden={behindModal || undefined}
      onFocus={() => setFocused(true)}
      onKeyDown={(e) => {
        // Esc on a hint button closes the popover and returns to the box.
        if (e.key === 'Escape' && e.target !== input.current) {
          e.stopPropagation();
          setPopoverClosed(true);
          input.current?.focus();
        }
      }}
      onBlur={(e) => {
        if (!root.current?.contains(e.relatedTarget as Node | null)) {
          setFocused(false);
          setPopoverClosed(false);
        }
      }}
    >
      <Icon name="search" size={16} />
      <input
        ref={input}
        type="text"
        className="search-box-input"
        placeholder={t('search.placeholder')}
        aria-label={t('search.label')}
        role="combobox"
        aria-autocomplete="list"
        aria-expanded={showSuggestions}
        aria-controls={showSuggestions ? 'search-suggestions' : undefined}
        aria-activedescendant={showSuggestions ? `search-suggestion-${activeIndex}` : undefined}
        autoComplete="off"
        spellCheck={false}
        value={value}
        onChange={(e) => {
          setValue(e.target.value);
          setCaret(e.target.selectionStart ?? e.target.value.length);
          setActive(0);
          setPopoverClosed(false);
        }}
        onSelect={(e) => setCaret(e.currentTarget.selectionStart ?? 0)}
        onKeyDown={onKeyDown}
      />
      {value && (
        <button type="button" className="search-clear" aria-label={t('search.clear')} title={t('search.clear')} onClick={() => setText('', 0)}>
          <Icon name="close" size={14} />
        </button>
      )}
      {showSuggestions && (
        <ul className="search-popover search-suggestions" id="search-suggestions" role="listbox" aria-label={trigger?.kind === 'from' ? t('search.people') : t('search.channels')}>
          {suggestions.map((s, i) => (
            <SuggestionRow key={s.key} s={s} id={`search-suggestion-${i}`} active={i === activeIndex} onPick={() => pick(s)} />
          ))}
        </ul>
      )}
      {showHints && (
        <div className="search-popover search-hints">
          <p className="search-hints-title">{t('search.hintsTitle')}</p>
          <ul>
            {hints.map((h) => (
              <li key={h.example}>
                {h.insert ? (
                  <button type="button" className="search-hint" onMouseDown={(e) => e.preventDefault()} onClick={() => insertHint(h.insert)}>
                    <code>{h.example}</code>
                    <span>{h.text}</span>
                  </button>
                ) : (
                  <span className="search-hint">
                    <code>{h.example}</code>
                    <span>{h.text}</span>
                  </span>
                )}
              </li>
            ))}
          </ul>
          <button
            type="button"
            className="search-switcher"
            title={t('switcher.open')}
            onMouseDown={(e) => e.preventDefault()}
            onClick={() => {
              input.current?.blur();
              setState({ modal: 'switcher' });
            }}
          >
            <span>{t('switcher.placeholder')}</span>
            <kbd>{t('switcher.shortcut')}</kbd>
          </button>
        </div>
      )}
    </div>
  );
}
