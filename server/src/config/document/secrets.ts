import { getPath, setPath, type JsonObject } from './paths.js';

/** What Mattermost sends in place of a secret; written back, it means "unchanged". */
export const MASKED = '********************************';

/** Settings never sent back in clear (Mattermost's list, plus Parley's Redis URL, which may carry a password). */
const SECRET_PATHS = [
  'SqlSettings.DataSource', 'SqlSettings.DataSourceReplicas', 'SqlSettings.DataSourceSearchReplicas', 'SqlSettings.AtRestEncryptKey',
  'FileSettings.PublicLinkSalt', 'FileSettings.AmazonS3SecretAccessKey', 'FileSettings.ExportAmazonS3SecretAccessKey',
  'EmailSettings.SMTPPassword', 'GitLabSettings.Secret', 'GoogleSettings.Secret', 'Office365Settings.Secret', 'OpenIdSettings.Secret',
  'LdapSettings.BindPassword', 'ElasticsearchSettings.Password', 'MessageExportSettings.GlobalRelaySettings.SMTPPassword',
  'CacheSettings.RedisPassword', 'AutoTranslationSettings.LibreTranslate.APIKey', 'ParleySettings.RedisURL',
];

const mask = (value: unknown): unknown => {
  if (typeof value === 'string') return value === '' ? '' : MASKED;
  if (Array.isArray(value)) return value.map(mask);
  return value;
};

/** A copy of the document with every secret replaced by the mask. */
export function maskSecrets<T extends JsonObject>(doc: T): T {
  const copy = structuredClone(doc);
  for (const path of SECRET_PATHS) {
    const value = getPath(copy, path);
    if (value !== undefined) setPath(copy, path, mask(value));
  }
  return copy;
}

/** Puts the current secret back wherever a client returned the mask (a list of secrets, item by item). */
export function restoreMaskedSecrets(incoming: JsonObject, current: JsonObject): void {
  for (const path of SECRET_PATHS) {
    const value = getPath(incoming, path);
    const was = getPath(current, path);
    if (value === MASKED) setPath(incoming, path, structuredClone(was));
    else if (Array.isArray(value) && Array.isArray(was)) setPath(incoming, path, value.map((item, i) => (item === MASKED ? was[i] : item)));
  }
}
