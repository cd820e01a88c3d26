import type { ComponentType } from 'react';
import type { Translate } from '../../../i18n/useT';
import type { ConfigDocument, ConfigPath } from './configPath';
import type { FieldDef } from './fields';

/** One settings page of the System Console, declared as the config keys it edits. */
export interface SettingsPageDef {
  /** console path, e.g. 'site_config/customization' */
  path: string;
  /** sidebar group and title (plain strings, as AdminSection has them) */
  group: string;
  title: string;
  heading: (t: Translate) => string;
  /**
   * the fields, in order; `config` is the document as loaded, for pages whose keys depend on it, and `draft`
   * the form's current values, for pages whose fields follow a choice made on the page (the OpenID provider)
   */
  fields: (t: Translate, config: ConfigDocument, draft?: ConfigDocument) => FieldDef[];
  /** rendered above the fields, e.g. a choice that decides which fields show */
  lead?: ComponentType<PageWidgetProps>;
  /** rendered under the fields with the form's current (unsaved) values, e.g. "Send test email" */
  extra?: ComponentType<PageWidgetProps>;
  /** keys that `lead` or `extra` change and no field shows: a change to them still enables Save */
  tracked?: ConfigPath[];
}

/** What a page's own components get: the unsaved values, and a way to change one (as a field would). */
export interface PageWidgetProps {
  draft: ConfigDocument;
  change: (path: ConfigPath, value: unknown) => void;
  /** the viewer may only read the settings */
  disabled: boolean;
}
