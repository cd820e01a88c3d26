import { useEffect, useId, useState } from 'react';
import type { PostActionOption } from '@mattermost/types/integration_actions';
import { useT } from '../../../i18n/useT';

interface SearchSelectProps {
  label: string;
  placeholder: string;
  disabled?: boolean;
  /** The text shown before anything is picked (a default option). */
  initialText: string;
  /** The options for the typed words. */
  load: (term: string) => Promise<PostActionOption[]>;
  /** Waits this long after typing before loading (for searches on the server). */
  debounceMs: number;
  onPick: (option: PostActionOption) => void;
  invalid?: boolean;
  describedBy?: string;
}

/** A menu to type into: the options narrow as the user types; a pick (click or Enter) is reported. */
export function SearchSelect({ label, placeholder, disabled, initialText, load, debounceMs, onPick, invalid, describedBy }: SearchSelectProps) {
  const t = useT();
  const listId = useId();
  const [open, setOpen] = useState(false);
  const [term, setTerm] = useState('');
  const [chosen, setChosen] = useState(initialText);
  const [options, setOptions] = useState<PostActionOption[]>([]);
  const [active, setActive] = useState(0);

  useEffect(() => {
    if (!open) return;
    let current = true;
    const timer = setTimeout(() => {
      load(term).then((found) => {
        if (!current) return;
        setOptions(found);
        setActive(0);
      }).catch(() => current && setOptions([]));
    }, debounceMs);
    return () => {
      current = false;
      clearTimeout(timer);
    };
  }, [open, term, load, debounceMs]);

  const pick = (option: PostActionOption) => {
    setChosen(option.text);
    setOpen(false);
    setTerm('');
    onPick(option);
  };

  return (
    <div className="search-select">
      <input
        type="text"
        role="combobox"
        aria-label={label}
        aria-expanded={open}
        aria-controls={listId}
        aria-autocomplete="list"
        aria-invalid={invalid || undefined}
        aria-describedby={describedBy}
        className="search-select-input"
        placeholder={placeholder}
        disabled={disabled}
        value={open ? term : chosen}
        onFocus={() => setOpen(true)}
        onBlur={() => setOpen(false)}
        onChange={(e) => setTerm(e.target.value)}
        onKeyDown={(e) => {
          if (e.key === 'ArrowDown') setActive((i) => Math.min(i + 1, options.length - 1));
          else if (e.key === 'ArrowUp') setActive((i) => Math.max(i - 1, 0));
          else if (e.key === 'Enter' && open && options[active]) pick(options[active]);
          else if (e.key === 'Escape' && open) setOpen(false);
          else return;
          e.preventDefault();
          e.stopPropagation();
        }}
      />
      {open && (
        <ul className="search-select-list" role="listbox" id={listId} aria-label={label}>
          {options.length === 0 && <li className="search-select-empty">{t('interactive.menu.noResults')}</li>}
          {options.map((option, i) => (
            <li
              key={`${option.value}:${i}`}
              role="option"
              aria-selected={i === active}
              className={i === active ? 'search-select-option active' : 'search-select-option'}
              onMouseDown={(e) => {
                e.preventDefault();
                pick(option);
              }}
              onMouseEnter={() => setActive(i)}
            >
              {option.text}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
