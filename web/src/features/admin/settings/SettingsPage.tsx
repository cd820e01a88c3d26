import { useEffect, useState, type FormEvent } from 'react';
import type { EnvironmentConfig } from '@mattermost/types/config';
import { client, serverError } from '../../../api/client';
import { useT } from '../../../i18n/useT';
import { loadConfig } from '../../../store/actions/session';
import { useStore } from '../../../store/store';
import type { AdminSection } from '../section';
import { AdminPage, LoadError, SaveBar } from '../ui';
import { readSetting, setByEnvironment, writeSetting, type ConfigDocument, type ConfigPath } from './configPath';
import { fieldOfError } from './configErrors';
import { FieldControl, numberIsValid } from './fields';
import type { SettingsPageDef } from './page';
import '../../../styles/admin_settings.css';

interface Loaded {
  saved: ConfigDocument;
  environment: Partial<EnvironmentConfig>;
}

/** GET /config/environment is advisory: without it every key is simply shown editable. */
async function loadDocument(): Promise<Loaded> {
  const [saved, environment] = await Promise.all([
    client.getConfig() as Promise<ConfigDocument>,
    client.getEnvironmentConfig().catch((): Partial<EnvironmentConfig> => ({})),
  ]);
  return { saved, environment };
}

/** Edits a page's keys of the config document: Save (enabled once something changed) writes the whole document back with PUT /config. */
export function SettingsPage({ page }: { page: SettingsPageDef }) {
  const t = useT();
  const [loaded, setLoaded] = useState<Loaded | null>(null);
  const [draft, setDraft] = useState<ConfigDocument | null>(null);
  const [loadError, setLoadError] = useState('');
  const [errors, setErrors] = useState<Partial<Record<ConfigPath, string>>>({});
  const [topError, setTopError] = useState('');
  const [saving, setSaving] = useState(false);
  const [savedNote, setSavedNote] = useState(false);
  // A read-only admin may look at the settings; only these roles may change them.
  const readOnly = useStore((s) => !/(^|\s)system_(admin|manager)(\s|$)/.test(s.me?.roles ?? ''));

  useEffect(() => {
    let current = true;
    setLoaded(null);
    setLoadError('');
    setErrors({});
    setTopError('');
    setSavedNote(false);
    loadDocument().then(
      (result) => {
        if (!current) return;
        setLoaded(result);
        setDraft(result.saved);
      },
      (err: unknown) => current && setLoadError(serverError(err).message),
    );
    return () => {
      current = false;
    };
  }, [page]);

  const title = page.heading(t);
  if (loadError || !loaded || !draft) {
    return (
      <AdminPage title={title}>
        <LoadError error={loadError} />
        {!loadError && (
          <div className="center-loading small" role="status">
            <div className="spinner" />
          </div>
        )}
      </AdminPage>
    );
  }

  const fields = page.fields(t, loaded.saved, draft);
  const locked = (path: ConfigPath): boolean => readOnly || setByEnvironment(loaded.environment, path);
  const editable = fields.filter((f) => f.kind !== 'readonly' && !locked(f.path));
  const changed = editable.filter((f) => !Object.is(readSetting(draft, f.path), readSetting(loaded.saved, f.path)));
  const trackedChanged = (page.tracked ?? []).some((path) => !locked(path) && !Object.is(readSetting(draft, path), readSetting(loaded.saved, path)));
  const dirty = changed.length > 0 || trackedChanged;

  const change = (path: ConfigPath, value: unknown): void => {
    // Functional: a page's own component may change several keys in one event (the OpenID provider choice).
    setDraft((current) => (current ? writeSetting(current, path, value) : current));
    setSavedNote(false);
    if (errors[path]) setErrors({ ...errors, [path]: undefined });
  };

  const save = async (e: FormEvent): Promise<void> => {
    e.preventDefault();
    setTopError('');
    setSavedNote(false);
    const notNumbers = changed.filter((f) => f.kind === 'number' && !numberIsValid(readSetting(draft, f.path)));
    if (notNumbers.length > 0) {
      setErrors(Object.fromEntries(notNumbers.map((f) => [f.path, t('admin.settings.notANumber')])));
      return;
    }
    setSaving(true);
    try {
      const next = (await client.updateConfig(draft)) as ConfigDocument;
      setLoaded({ ...loaded, saved: next });
      setDraft(next);
      setErrors({});
      setSavedNote(true);
      // This tab shows the new site name, banner and limits at once; other tabs get config_changed.
      void loadConfig().catch(() => undefined);
    } catch (err) {
      const error = serverError(err);
      const path = fieldOfError(error, fields.map((f) => f.path));
      if (path) setErrors({ [path]: error.message });
      else setTopError(error.message);
    } finally {
      setSaving(false);
    }
  };

  const Extra = page.extra;
  const Lead = page.lead;
  return (
    <AdminPage title={title}>
      <form className="admin-settings" onSubmit={(e) => void save(e)} noValidate>
        {readOnly && <p className="form-notice">{t('admin.settings.readOnly')}</p>}
        {topError && (
          <p className="form-error admin-settings-error" role="alert">
            {topError}
          </p>
        )}
        {Lead && <Lead draft={draft} change={change} disabled={readOnly} />}
        <div className="settings-fields">
          {fields.map((field) => (
            <FieldControl
              key={field.path}
              field={field}
              value={readSetting(draft, field.path)}
              locked={locked(field.path)}
              lockNote={readOnly ? '' : t('admin.settings.setByEnvironment')}
              error={errors[field.path]}
              onChange={(value) => change(field.path, value)}
            />
          ))}
        </div>
        {Extra && !readOnly && <Extra draft={draft} change={change} disabled={false} />}
        {!readOnly && (
          <SaveBar dirty={dirty} saving={saving} saved={savedNote} />
        )}
      </form>
    </AdminPage>
  );
}

/** The System Console section that shows one settings page. */
export function settingsSection(page: SettingsPageDef): AdminSection {
  const component = () => <SettingsPage page={page} />;
  return { path: page.path, group: page.group, title: page.title, label: page.heading, component };
}
