import type { ReactNode } from 'react';

/** One of a few short options, as a row of segments (radio buttons underneath). */
export function Choice({ name, value, options, onChange }: { name: string; value: string; options: Array<[string, string]>; onChange: (v: string) => void }) {
  return (
    <div className="segmented" role="radiogroup" aria-label={name}>
      {options.map(([id, label]) => (
        <label key={id} className={value === id ? 'segment selected' : 'segment'}>
          <input type="radio" name={name} checked={value === id} onChange={() => onChange(id)} />
          {label}
        </label>
      ))}
    </div>
  );
}

/** One of a few options with longer labels, one per line. */
export function RadioList({ name, value, options, onChange }: { name: string; value: string; options: Array<[string, ReactNode]>; onChange: (v: string) => void }) {
  return (
    <div className="radio-list" role="radiogroup" aria-label={name}>
      {options.map(([id, label]) => (
        <label key={id} className="radio-option">
          <input type="radio" name={name} value={id} checked={value === id} onChange={() => onChange(id)} />
          <span>{label}</span>
        </label>
      ))}
    </div>
  );
}

/** A setting that is on or off. */
export function Checkbox({ label, checked, onChange, hint, disabled }: {
  label: ReactNode; checked: boolean; onChange: (on: boolean) => void; hint?: ReactNode; disabled?: boolean;
}) {
  return (
    <label className={disabled ? 'checkbox-option disabled' : 'checkbox-option'}>
      <input type="checkbox" checked={checked} disabled={disabled} onChange={(e) => onChange(e.target.checked)} />
      <span>
        {label}
        {hint && <small className="muted-text">{hint}</small>}
      </span>
    </label>
  );
}
