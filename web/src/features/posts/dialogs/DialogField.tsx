import { useCallback } from 'react';
import type { DialogElement } from '@mattermost/types/integrations';
import { useStore } from '../../../store/store';
import { loadOptions } from '../attachments/action_options';
import { SearchSelect } from '../attachments/SearchSelect';
import type { DialogValue } from './dialog_values';

const INPUT_TYPES: Record<string, string> = { email: 'email', number: 'number', password: 'password', tel: 'tel', url: 'url' };

interface FieldProps {
  element: DialogElement;
  value: DialogValue | undefined;
  /** The problem to show under the field (the client's check or the integration's answer). */
  error?: string;
  teamId: string;
  onChange: (value: DialogValue) => void;
}

const optionsOf = (element: DialogElement) => (element.options ?? []).map((o) => ({ text: o.text, value: String(o.value) }));

/** One element of a dialog: label, input of its type, help text, and the problem with its value. */
export function DialogField({ element, value, error, teamId, onChange }: FieldProps) {
  const id = `dialog-field-${element.name}`;
  const hintId = `${id}-hint`;
  const described = error || element.help_text ? hintId : undefined;
  const text = typeof value === 'string' ? value : '';
  const load = useCallback((term: string) => loadOptions({ data_source: element.data_source, options: optionsOf(element) }, term, teamId), [element, teamId]);
  const common = { id, 'aria-invalid': error ? true : undefined, 'aria-describedby': described };
  let input;
  if (element.type === 'textarea') {
    input = <textarea {...common} rows={4} value={text} placeholder={element.placeholder} maxLength={element.max_length || undefined} onChange={(e) => onChange(e.target.value)} />;
  } else if (element.type === 'bool') {
    input = (
      <label className="dialog-bool">
        <input {...common} type="checkbox" checked={value === true} onChange={(e) => onChange(e.target.checked)} /> {element.placeholder}
      </label>
    );
  } else if (element.type === 'radio') {
    input = (
      <div role="radiogroup" aria-labelledby={`${id}-label`} aria-describedby={described} className="dialog-radios">
        {optionsOf(element).map((option) => (
          <label key={option.value}>
            <input type="radio" name={id} value={option.value} checked={text === option.value} onChange={() => onChange(option.value)} /> {option.text}
          </label>
        ))}
      </div>
    );
  } else if (element.type === 'select') {
    const initial = optionsOf(element).find((o) => o.value === text)?.text ?? '';
    input = (
      <SearchSelect
        label={element.display_name} placeholder={element.placeholder} initialText={initial} load={load} debounceMs={element.data_source ? 150 : 0}
        invalid={Boolean(error)} describedBy={described} onPick={(option) => onChange(option.value)}
      />
    );
  } else {
    input = (
      <input
        {...common} type={INPUT_TYPES[element.subtype] ?? 'text'} value={text} placeholder={element.placeholder}
        maxLength={element.max_length || undefined} onChange={(e) => onChange(e.target.value)}
      />
    );
  }
  return (
    <div className={error ? 'dialog-field invalid' : 'dialog-field'} data-field={element.name}>
      {element.type !== 'bool' || element.display_name ? (
        <label id={`${id}-label`} htmlFor={element.type === 'radio' || element.type === 'select' ? undefined : id} className="dialog-label">
          {element.display_name}
          {!element.optional && element.type !== 'bool' && <span className="dialog-required" aria-hidden="true"> *</span>}
        </label>
      ) : null}
      {input}
      {(error || element.help_text) && (
        <div id={hintId} className={error ? 'dialog-error' : 'dialog-help'} role={error ? 'alert' : undefined}>{error || element.help_text}</div>
      )}
    </div>
  );
}

/** The team a dialog's menus search in: the team of the channel it was opened from. */
export function useDialogTeam(channelId: string, fallback: string): string {
  return useStore((s) => s.channels[channelId]?.team_id || fallback || s.currentTeamId);
}
