import { useCallback, useEffect, useRef, useState, type ReactNode } from 'react';
import { useIntl } from 'react-intl';
import { errorMessage } from '../../api/client';
import { navigate } from '../../router/navigate';
import { useT } from '../../i18n/useT';
import { clockOptions, useClockPreference } from '../posts/time';
import { Modal } from '../../ui/Modal';

export interface Loaded<T> {
  data: T | undefined;
  error: string;
  loading: boolean;
  reload: () => void;
}

/** Loads `fetch` now and whenever `key` changes; an answer that arrives after a newer request started is dropped. */
export function useLoad<T>(fetch: () => Promise<T>, key: string): Loaded<T> {
  const [state, setState] = useState<{ data: T | undefined; error: string; loading: boolean }>({ data: undefined, error: '', loading: true });
  const [generation, setGeneration] = useState(0);
  const latest = useRef(fetch);
  latest.current = fetch;
  useEffect(() => {
    let current = true;
    setState((s) => ({ ...s, loading: true, error: '' }));
    latest.current().then(
      (data) => current && setState({ data, error: '', loading: false }),
      (err: unknown) => current && setState((s) => ({ ...s, error: errorMessage(err), loading: false })),
    );
    return () => {
      current = false;
    };
  }, [key, generation]);
  const reload = useCallback(() => setGeneration((g) => g + 1), []);
  return { ...state, reload };
}

export function AdminPage({ title, actions, children }: { title: string; actions?: ReactNode; children: ReactNode }) {
  return (
    <section className="admin-page" aria-label={title}>
      <header className="admin-page-header">
        <h1>{title}</h1>
        {actions && <div className="admin-page-actions">{actions}</div>}
      </header>
      <div className="admin-page-body">{children}</div>
    </section>
  );
}

export function LoadError({ error }: { error: string }) {
  return error ? <p className="form-error" role="alert">{error}</p> : null;
}

interface Confirmation {
  title: string;
  body: string;
  confirmLabel: string;
}

interface ActionButtonProps {
  label: string;
  action: () => Promise<unknown>;
  /** runs after the action succeeded (reload, navigate) */
  onDone?: () => void;
  danger?: boolean;
  primary?: boolean;
  disabled?: boolean;
  /** ask first, in a dialog that also shows a failure */
  confirm?: Confirmation;
}

/** A button for one server action; while it runs it is disabled, and a failure is shown right beside it. */
export function ActionButton({ label, action, onDone, danger, primary, disabled, confirm }: ActionButtonProps) {
  const t = useT();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState('');
  const [asking, setAsking] = useState(false);
  const run = async (): Promise<void> => {
    setBusy(true);
    setError('');
    try {
      await action();
      setAsking(false);
      onDone?.();
    } catch (err) {
      setError(errorMessage(err));
    } finally {
      setBusy(false);
    }
  };
  const className = `button small${danger ? ' danger' : primary ? ' primary' : ''}`;
  return (
    <span className="admin-action">
      <button type="button" className={className} disabled={disabled || busy} onClick={() => (confirm ? setAsking(true) : void run())}>
        {label}
      </button>
      {error && !asking && <span className="form-error" role="alert">{error}</span>}
      {asking && confirm && (
        <Modal
          title={confirm.title}
          onClose={() => setAsking(false)}
          width={460}
          footer={
            <>
              <button type="button" className="button" onClick={() => setAsking(false)}>{t('common.cancel')}</button>
              <button type="button" className={danger ? 'button danger' : 'button primary'} disabled={busy} onClick={() => void run()}>
                {confirm.confirmLabel}
              </button>
            </>
          }
        >
          <p>{confirm.body}</p>
          {error && <p className="form-error" role="alert">{error}</p>}
        </Modal>
      )}
    </span>
  );
}

/** A page's save row: the failure, "saved" once nothing is left to save, and the button (a form's submit without `onSave`). */
export function SaveBar({ dirty, saving, saved, error, label, onSave }: {
  dirty: boolean;
  saving: boolean;
  saved: boolean;
  error?: string;
  label?: string;
  onSave?: () => void;
}) {
  const t = useT();
  return (
    <div className="admin-save-bar">
      {error && <span className="form-error" role="alert">{error}</span>}
      {saved && !dirty && <span className="form-ok" role="status">{t('admin.settings.saved')}</span>}
      <button type={onSave ? 'button' : 'submit'} className="button primary" disabled={!dirty || saving} onClick={onSave}>
        {saving ? t('admin.settings.saving') : label ?? t('common.save')}
      </button>
    </div>
  );
}

export interface ArchiveTexts {
  restoreLabel: string;
  archiveTitle: string;
  archiveBody: string;
  deleteTitle: string;
  deleteBody: string;
}

/**
 * Archive, or restore and delete for good, as teams and channels both offer it: archiving and permanent deletion
 * ask first; after deleting, the console goes back to `listPath`.
 */
export function ArchiveActions({ archived, texts, archive, restore, deletePermanently, listPath, onChanged }: {
  archived: boolean;
  texts: ArchiveTexts;
  archive: () => Promise<unknown>;
  restore: () => Promise<unknown>;
  deletePermanently: () => Promise<unknown>;
  listPath: string;
  onChanged: () => void;
}) {
  const t = useT();
  if (!archived) {
    return (
      <ActionButton
        label={t('admin.archive')}
        danger
        action={archive}
        onDone={onChanged}
        confirm={{ title: texts.archiveTitle, body: texts.archiveBody, confirmLabel: t('admin.archive') }}
      />
    );
  }
  return (
    <>
      <ActionButton label={texts.restoreLabel} primary action={restore} onDone={onChanged} />
      <ActionButton
        label={t('admin.deletePermanently')}
        danger
        action={deletePermanently}
        onDone={() => navigate(consoleUrl(listPath))}
        confirm={{ title: texts.deleteTitle, body: texts.deleteBody, confirmLabel: t('admin.deletePermanently') }}
      />
    </>
  );
}

/** Previous / next paging for lists whose total is unknown: a full page means there may be another. */
export function Pager({ page, hasNext, onPage, label }: { page: number; hasNext: boolean; onPage: (page: number) => void; label?: string }) {
  const t = useT();
  return (
    <nav className="admin-pager" aria-label={t('admin.paging')}>
      <button type="button" className="button small" disabled={page === 0} onClick={() => onPage(page - 1)}>{t('admin.previous')}</button>
      <span className="muted-text">{label ?? t('admin.page', { page: page + 1 })}</span>
      <button type="button" className="button small" disabled={!hasNext} onClick={() => onPage(page + 1)}>{t('admin.next')}</button>
    </nav>
  );
}

/** Date and time in the app's language and the user's clock; empty for "never" (0). */
export function useFormatDateTime(): (ms: number) => string {
  const intl = useIntl();
  const options = clockOptions(useClockPreference());
  return (ms) => (ms > 0 ? intl.formatDate(ms, { dateStyle: 'medium', timeStyle: 'short', ...options }) : '');
}

export const consoleUrl = (path: string): string => `/admin_console/${path}`;

/** A link inside the console: a real href (open in a new tab works), navigated in place on a plain click. */
export function ConsoleLink({ to, children, className, current }: { to: string; children: ReactNode; className?: string; current?: boolean }) {
  const href = consoleUrl(to);
  return (
    <a
      href={href}
      className={className}
      aria-current={current ? 'page' : undefined}
      onClick={(e) => {
        if (e.button !== 0 || e.ctrlKey || e.metaKey || e.shiftKey) return;
        e.preventDefault();
        navigate(href);
      }}
    >
      {children}
    </a>
  );
}
