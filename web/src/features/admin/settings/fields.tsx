import type { ReactNode } from 'react';
import { useT } from '../../../i18n/useT';
import { MASKED_SECRET, type ConfigPath } from './configPath';

interface FieldBase {
  path: ConfigPath;
  label: string;
  help?: string;
}

export type FieldDef =
  | (FieldBase & { kind: 'boolean' })
  | (FieldBase & { kind: 'text'; secret?: boolean; placeholder?: string })
  | (FieldBase & { kind: 'number' })
  | (FieldBase & { kind: 'dropdown'; options: Array<{ value: string; label: string }> })
  | (FieldBase & { kind: 'color' })
  /** Shown, never edited here (e.g. a key that needs a restart); the note says why. */
  | (FieldBase & { kind: 'readonly'; note: string });

export const booleanField = (path: ConfigPath, label: string, help?: string): FieldDef => ({ kind: 'boolean', path, label, help });
export const textField = (path: ConfigPath, label: string, help?: string, extra: { secret?: boolean; placeholder?: string } = {}): FieldDef => ({
  kind: 'text', path, label, help, ...extra,
});
export const numberField = (path: ConfigPath, label: string, help?: string): FieldDef => ({ kind: 'number', path, label, help });
export const dropdownField = (path: ConfigPath, label: string, options: Array<{ value: string; label: string }>, help?: string): FieldDef => ({
  kind: 'dropdown', path, label, options, help,
});
export const colorField = (path: ConfigPath, label: string, help?: string): FieldDef => ({ kind: 'color', path, label, help });
export const readonlyField = (path: ConfigPath, label: string, note: string): FieldDef => ({ kind: 'readonly', path, label, note });

/** A number field's draft holds the typed text until it parses, so a half-typed value is reported rather than lost. */
export function numberIsValid(value: unknown): boolean {
  return typeof value === 'number' && Number.isFinite(value);
}

const display = (value: unknown): string => (value === undefined || value === null ? '' : typeof value === 'object' ? JSON.stringify(value) : String(value));

interface ControlProps {
  field: FieldDef;
  value: unknown;
  /** not editable here: set by the operator's environment or config file, or the viewer may only read */
  locked: boolean;
  /** why a locked field is locked (empty: no note) */
  lockNote: string;
  error?: string;
  onChange: (value: unknown) => void;
}

/** One setting: label, control, help text, the note for a locked key and the error the server gave for it. */
export function FieldControl({ field, value, locked, lockNote, error, onChange }: ControlProps) {
  const t = useT();
  const id = `setting-${field.path.replace('.', '-')}`;
  const helpId = `${id}-help`;
  const errorId = `${id}-error`;
  const disabled = locked || field.kind === 'readonly';
  const note = field.kind === 'readonly' ? field.note : locked ? lockNote : '';
  const describedBy = [field.help || note ? helpId : '', error ? errorId : ''].filter(Boolean).join(' ') || undefined;
  const common = { id, disabled, 'aria-describedby': describedBy, 'aria-invalid': error ? true : undefined } as const;

  let control: ReactNode;
  switch (field.kind) {
    case 'boolean':
      control = (
        <div className="setting-radios" role="radiogroup" aria-labelledby={`${id}-label`} aria-describedby={describedBy}>
          {[true, false].map((option) => (
            <label key={String(option)} className="setting-radio">
              <input type="radio" name={id} checked={value === option} disabled={disabled} onChange={() => onChange(option)} />
              <span>{option ? t('admin.settings.true') : t('admin.settings.false')}</span>
            </label>
          ))}
        </div>
      );
      break;
    case 'number':
      control = (
        <input
          {...common}
          type="text"
          inputMode="numeric"
          value={display(value)}
          onChange={(e) => {
            const text = e.target.value.trim();
            const parsed = Number(text);
            onChange(text !== '' && Number.isFinite(parsed) ? parsed : e.target.value);
          }}
        />
      );
      break;
    case 'dropdown': {
      const current = display(value);
      const options = field.options.some((o) => o.value === current) ? field.options : [...field.options, { value: current, label: current }];
      control = (
        <select {...common} value={current} onChange={(e) => onChange(e.target.value)}>
          {options.map((o) => (
            <option key={o.value} value={o.value}>
              {o.label}
            </option>
          ))}
        </select>
      );
      break;
    }
    case 'color':
      control = (
        <div className="setting-color">
          <input type="color" value={/^#[0-9a-f]{6}$/i.test(display(value)) ? display(value) : '#000000'} disabled={disabled} aria-label={t('admin.settings.pickColor', { setting: field.label })} onChange={(e) => onChange(e.target.value)} />
          <input {...common} type="text" value={display(value)} maxLength={32} onChange={(e) => onChange(e.target.value)} />
        </div>
      );
      break;
    case 'readonly':
      control = <input {...common} type="text" value={display(value)} readOnly />;
      break;
    case 'text':
      control = (
        <input
          {...common}
          type={field.secret ? 'password' : 'text'}
          autoComplete={field.secret ? 'new-password' : 'off'}
          value={display(value)}
          placeholder={field.placeholder}
          // The masked secret stands for "unchanged": typing replaces it instead of appending to it.
          onFocus={(e) => field.secret && e.target.value === MASKED_SECRET && e.target.select()}
          onChange={(e) => onChange(e.target.value)}
        />
      );
      break;
  }

  return (
    <div className={`setting${error ? ' has-error' : ''}`} data-setting={field.path}>
      {field.kind === 'boolean' ? (
        <span className="setting-label" id={`${id}-label`}>
          {field.label}
        </span>
      ) : (
        <label className="setting-label" htmlFor={id}>
          {field.label}
        </label>
      )}
      <div className="setting-control">
        {control}
        {(field.help || note) && (
          <p className="setting-help" id={helpId}>
            {note && <span className="setting-locked">{note}</span>}
            {note && field.help ? ' ' : ''}
            {field.help}
          </p>
        )}
        {error && (
          <p className="setting-error" id={errorId} role="alert">
            {error}
          </p>
        )}
      </div>
    </div>
  );
}
