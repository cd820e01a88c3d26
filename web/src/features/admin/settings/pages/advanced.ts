import type { ConfigPath } from '../configPath';
import { booleanField, numberField, readonlyField, textField, type FieldDef } from '../fields';
import type { SettingsPageDef } from '../page';

/** Parley's own section: whatever keys the server reports, each edited as its value's type (lists and objects shown read-only). */
export const parleySettings: SettingsPageDef = {
  path: 'advanced/parley',
  group: 'Advanced',
  title: 'Parley Settings',
  heading: (t) => t('admin.advanced.title'),
  fields: (t, config): FieldDef[] =>
    Object.entries(config.ParleySettings ?? {})
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([key, value]) => {
        const path: ConfigPath = `ParleySettings.${key}`;
        if (typeof value === 'boolean') return booleanField(path, key);
        if (typeof value === 'number') return numberField(path, key);
        if (typeof value === 'string') return textField(path, key);
        return readonlyField(path, key, t('admin.advanced.structured'));
      }),
};
