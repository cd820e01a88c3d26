import { useId, useState, type FormEvent, type ReactNode } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { errorMessage } from '../../api/client';
import { useT } from '../../i18n/useT';
import { Modal } from '../../ui/Modal';
import { useStore } from '../../store/store';
import { myChannelsInTeam } from '../../store/selectors';

/** A value to copy (a webhook URL, a token, a secret), with a button that says when it worked. */
export function CopyValue({ label, value }: { label: string; value: string }) {
  const t = useT();
  const [copied, setCopied] = useState(false);
  return (
    <span className="integration-copy">
      <code aria-label={label}>{value}</code>
      <button
        type="button"
        className="button small"
        aria-label={t('integrations.copyLabel', { what: label })}
        onClick={() => void navigator.clipboard?.writeText(value).then(() => setCopied(true), () => setCopied(false))}
      >
        {copied ? t('integrations.copied') : t('integrations.copy')}
      </button>
    </span>
  );
}

interface InputProps<T> {
  label: string;
  value: T;
  onChange: (value: T) => void;
  help?: string;
}

/** A labelled control with its help text as the description (not part of the name). */
function Field({ label, help, children }: { label: string; help?: string; children: (ids: { id: string; describedBy?: string }) => ReactNode }) {
  const id = useId();
  const helpId = `${id}-help`;
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      {children({ id, describedBy: help ? helpId : undefined })}
      {help && <small id={helpId}>{help}</small>}
    </div>
  );
}

export function TextInput({ label, value, onChange, help, required, maxLength, placeholder }: InputProps<string> & {
  required?: boolean;
  maxLength?: number;
  placeholder?: string;
}) {
  return (
    <Field label={label} help={help}>
      {({ id, describedBy }) => (
        <input id={id} aria-describedby={describedBy} value={value} required={required} maxLength={maxLength} placeholder={placeholder} onChange={(e) => onChange(e.target.value)} />
      )}
    </Field>
  );
}

/** A list edited one entry per line. */
export function LinesInput({ label, value, onChange, help, required }: InputProps<string> & { required?: boolean }) {
  return (
    <Field label={label} help={help}>
      {({ id, describedBy }) => <textarea id={id} aria-describedby={describedBy} rows={3} value={value} required={required} onChange={(e) => onChange(e.target.value)} />}
    </Field>
  );
}

export function CheckInput({ label, value, onChange, help }: InputProps<boolean>) {
  const id = useId();
  return (
    <div className="integration-check">
      <input id={id} type="checkbox" checked={value} aria-describedby={help ? `${id}-help` : undefined} onChange={(e) => onChange(e.target.checked)} />
      <span>
        <label htmlFor={id}>{label}</label>
        {help && <small id={`${id}-help`}>{help}</small>}
      </span>
    </div>
  );
}

export function SelectInput({ label, value, onChange, help, options }: InputProps<string> & { options: Array<{ value: string; label: string }> }) {
  return (
    <Field label={label} help={help}>
      {({ id, describedBy }) => (
        <select id={id} aria-describedby={describedBy} value={value} onChange={(e) => onChange(e.target.value)}>
          {options.map((o) => (
            <option key={o.value} value={o.value}>{o.label}</option>
          ))}
        </select>
      )}
    </Field>
  );
}

/** The team's channels I belong to (public only when `publicOnly`), optionally with "any channel" first. */
export function ChannelSelect({ teamId, publicOnly, noneLabel, ...props }: InputProps<string> & { teamId: string; publicOnly?: boolean; noneLabel?: string }) {
  const channels = useStore(useShallow((s) => myChannelsInTeam(s, teamId)));
  const options = channels
    .filter((c) => c.type === 'O' || (!publicOnly && c.type === 'P'))
    .sort((a, b) => a.display_name.localeCompare(b.display_name))
    .map((c) => ({ value: c.id, label: c.display_name || c.name }));
  return <SelectInput {...props} options={noneLabel !== undefined ? [{ value: '', label: noneLabel }, ...options] : options} />;
}

/** The dialog every add/edit form uses: submit runs `onSubmit`, a failure stays in the dialog beside the buttons. */
export function FormDialog({ title, submitLabel, onClose, onSubmit, children }: {
  title: string;
  submitLabel: string;
  onClose: () => void;
  onSubmit: () => Promise<void>;
  children: ReactNode;
}) {
  const t = useT();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState('');
  const submit = async (e: FormEvent): Promise<void> => {
    e.preventDefault();
    setBusy(true);
    setError('');
    try {
      await onSubmit();
    } catch (err) {
      setError(errorMessage(err));
      setBusy(false);
    }
  };
  return (
    <Modal title={title} onClose={onClose} width={560}>
      <form className="form integration-form" onSubmit={(e) => void submit(e)}>
        {children}
        <div className="form-actions">
          {error && <span className="form-error" role="alert">{error}</span>}
          <button type="button" className="button" onClick={onClose}>{t('common.cancel')}</button>
          <button type="submit" className="button primary" disabled={busy}>{submitLabel}</button>
        </div>
      </form>
    </Modal>
  );
}

/** Shown once after creating something with a secret: what to copy now, because it is not shown in full again. */
export function CreatedDialog({ title, intro, values, onClose }: {
  title: string;
  intro: string;
  values: Array<{ label: string; value: string }>;
  onClose: () => void;
}) {
  const t = useT();
  return (
    <Modal
      title={title}
      onClose={onClose}
      width={560}
      footer={<button type="button" className="button primary" onClick={onClose}>{t('integrations.done')}</button>}
    >
      <p>{intro}</p>
      <dl className="integration-facts">
        {values.map((v) => (
          <div key={v.label}>
            <dt>{v.label}</dt>
            <dd><CopyValue label={v.label} value={v.value} /></dd>
          </div>
        ))}
      </dl>
    </Modal>
  );
}

/** One integration in a list: its name, description, facts and actions. */
export function IntegrationItem({ title, description, facts, actions, muted }: {
  title: string;
  description?: string;
  facts: Array<{ label: string; value: ReactNode } | false>;
  actions: ReactNode;
  muted?: boolean;
}) {
  return (
    <li className={muted ? 'integration-item muted' : 'integration-item'} aria-label={title}>
      <div className="integration-item-main">
        <h3>{title}</h3>
        {description && <p className="muted-text">{description}</p>}
        <dl className="integration-facts">
          {facts.filter((f) => f !== false).map((f) => (
            <div key={f.label}>
              <dt>{f.label}</dt>
              <dd>{f.value}</dd>
            </div>
          ))}
        </dl>
      </div>
      <div className="integration-item-actions">{actions}</div>
    </li>
  );
}

/** A section's page: heading, intro, add button, the list (or why it is empty) and the section's open dialog. */
export function SectionPage({ title, intro, addLabel, onAdd, error, loading, count, emptyText, children, dialogs }: {
  title: string;
  intro: string;
  addLabel?: string;
  onAdd?: () => void;
  error: string;
  loading: boolean;
  count: number;
  emptyText: string;
  children: ReactNode;
  dialogs: ReactNode;
}) {
  return (
    <section className="admin-page integration-section" aria-label={title}>
      <header className="admin-page-header">
        <h1>{title}</h1>
        {addLabel && onAdd && (
          <div className="admin-page-actions">
            <button type="button" className="button primary" onClick={onAdd}>{addLabel}</button>
          </div>
        )}
      </header>
      <div className="admin-page-body">
        <p className="muted-text">{intro}</p>
        {error && <p className="form-error" role="alert">{error}</p>}
        {!loading && !error && count === 0 ? <p className="empty">{emptyText}</p> : <ul className="integration-list">{children}</ul>}
      </div>
      {dialogs}
    </section>
  );
}
