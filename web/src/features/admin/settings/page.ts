import type { ComponentType } from 'react';
import type { Translate } from '../../../i18n/useT';
import type { ConfigDocument } from './configPath';
import type { FieldDef } from './fields';

/** One settings page of the System Console, declared as the config keys it edits. */
export interface SettingsPageDef {
  /** console path, e.g. 'site_config/customization' */
  path: string;
  /** sidebar group and title (plain strings, as AdminSection has them) */
  group: string;
  title: string;
  heading: (t: Translate) => string;
  /** the fields, in order; `config` is the document as loaded, for pages whose keys depend on it */
  fields: (t: Translate, config: ConfigDocument) => FieldDef[];
  /** rendered under the fields with the form's current (unsaved) values, e.g. "Send test email" */
  extra?: ComponentType<{ draft: ConfigDocument }>;
}
