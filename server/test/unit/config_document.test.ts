import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { composeConfig, NO_OPERATOR, referenceDocument } from '../../src/config/document/compose.js';
import { documentDiff, leafPaths, mergeDocuments } from '../../src/config/document/paths.js';
import { MASKED, maskSecrets, restoreMaskedSecrets } from '../../src/config/document/secrets.js';
import { ConfigError } from '../../src/config/errors.js';
import { loadConfig, loadSettings } from '../../src/config/load.js';

const tempDir = (): string => mkdtempSync(path.join(os.tmpdir(), 'parley-config-'));

describe('the config document', () => {
  it('puts Parley settings at their Mattermost keys, with Parley defaults', () => {
    const { flat } = loadSettings({ PARLEY_DATA_DIR: tempDir() });
    const { document } = composeConfig(flat, {}, NO_OPERATOR);
    expect(document.ServiceSettings.ListenAddress).toBe(':8065');
    expect(document.TeamSettings.SiteName).toBe('Parley');
    expect(document.ServiceSettings.SessionLengthWebInHours).toBe(30 * 24);
    expect(document.RateLimitSettings.PerSec).toBe(10);
    expect(document.MetricsSettings.ListenAddress).toBe('127.0.0.1:8067');
    expect(document.ParleySettings.MaxPostSize).toBe(16383);
    expect(document.SqlSettings.DriverName).toBe('sqlite3');
    // Sections Parley does not implement are there with Mattermost's defaults, so clients can read them.
    expect(document.LdapSettings.Enable).toBe(false);
    expect(document.SamlSettings.Enable).toBe(false);
    expect(leafPaths(document as never).length).toBeGreaterThan(500);
  });

  it('reads a stored change back into the settings, with unit conversions', () => {
    const base = loadConfig({ PARLEY_DATA_DIR: tempDir() });
    const { flat } = composeConfig(base, {
      ServiceSettings: { SessionLengthWebInHours: 48, ListenAddress: '127.0.0.1:9001' }, LogSettings: { ConsoleLevel: 'DEBUG' },
    }, NO_OPERATOR);
    expect(flat.sessionLengthDays).toBe(2);
    expect(flat.host).toBe('127.0.0.1');
    expect(flat.port).toBe(9001);
    expect(flat.logLevel).toBe('debug');
  });

  it('lets the config file and the environment win over the stored document, and locks them', () => {
    const dir = tempDir();
    writeFileSync(path.join(dir, 'config.json'), JSON.stringify({ siteName: 'From file', ServiceSettings: { EnableDeveloper: true } }));
    const { flat, operator } = loadSettings({ PARLEY_DATA_DIR: dir, MM_RATELIMITSETTINGS_PERSEC: '25', MM_SERVICESETTINGS_TRUSTEDPROXYIPHEADER: '["X-Real-IP"]' });
    const stored = { TeamSettings: { SiteName: 'Stored', EnableOpenServer: false }, RateLimitSettings: { PerSec: 3 }, ServiceSettings: { EnableDeveloper: false } };
    const composed = composeConfig(flat, stored, operator);
    expect(composed.flat.siteName).toBe('From file');
    expect(composed.flat.rateLimitPerSec).toBe(25);
    expect(composed.flat.trustedProxyIpHeader).toEqual(['X-Real-IP']);
    expect(composed.flat.enableOpenServer).toBe(false);
    expect(composed.document.ServiceSettings.EnableDeveloper).toBe(true);
    expect(composed.locked).toEqual(expect.arrayContaining([
      'TeamSettings.SiteName', 'RateLimitSettings.PerSec', 'ServiceSettings.EnableDeveloper', 'ServiceSettings.TrustedProxyIPHeader', 'SqlSettings.DataSource',
    ]));
    expect(composed.locked).not.toContain('TeamSettings.EnableOpenServer');
  });

  it('never takes the database location from the stored document', () => {
    const base = loadConfig({ PARLEY_DATA_DIR: tempDir() });
    const { flat } = composeConfig(base, { SqlSettings: { DataSource: 'postgres://elsewhere/db' }, ParleySettings: { DataDirectory: '/tmp/else' } }, NO_OPERATOR);
    expect(flat.databaseUrl).toBe(base.databaseUrl);
    expect(flat.dataDir).toBe(base.dataDir);
  });

  it('names the key of an invalid value, from the environment or a stored document', () => {
    expect(() => loadSettings({ PARLEY_DATA_DIR: tempDir(), MM_SERVICESETTINGS_MAXIMUMLOGINATTEMPTS: 'many' })).toThrow(/ServiceSettings\.MaximumLoginAttempts/);
    const base = loadConfig({ PARLEY_DATA_DIR: tempDir() });
    expect(() => composeConfig(base, { TeamSettings: { MaxChannelsPerTeam: -1 } }, NO_OPERATOR)).toThrow(ConfigError);
    expect(() => composeConfig(base, { TeamSettings: { MaxChannelsPerTeam: -1 } }, NO_OPERATOR)).toThrow(/TeamSettings\.MaxChannelsPerTeam/);
    expect(() => composeConfig(base, { EmailSettings: { SMTPPort: 25 } }, NO_OPERATOR)).toThrow(/EmailSettings\.SMTPPort must be a string/);
  });

  it('masks secrets and restores them when the mask comes back', () => {
    const doc = mergeDocuments(referenceDocument() as never, {
      EmailSettings: { SMTPPassword: 's3cret' }, SqlSettings: { DataSourceReplicas: ['postgres://a', 'postgres://b'] }, LdapSettings: { BindPassword: '' },
    });
    const masked = maskSecrets(doc) as never as { EmailSettings: { SMTPPassword: string }; SqlSettings: { DataSourceReplicas: string[] }; LdapSettings: { BindPassword: string } };
    expect(masked.EmailSettings.SMTPPassword).toBe(MASKED);
    expect(masked.SqlSettings.DataSourceReplicas).toEqual([MASKED, MASKED]);
    expect(masked.LdapSettings.BindPassword).toBe('');
    const incoming = structuredClone(masked) as never as typeof masked;
    incoming.SqlSettings.DataSourceReplicas = [MASKED, 'postgres://c'];
    restoreMaskedSecrets(incoming as never, doc);
    expect(incoming.EmailSettings.SMTPPassword).toBe('s3cret');
    expect(incoming.SqlSettings.DataSourceReplicas).toEqual(['postgres://a', 'postgres://c']);
  });

  it('records only what differs from the defaults', () => {
    const reference = referenceDocument() as never;
    const changed = mergeDocuments(reference, { TeamSettings: { SiteName: 'Changed' }, NewSection: { A: 1 } });
    expect(documentDiff(changed, reference)).toEqual({ TeamSettings: { SiteName: 'Changed' }, NewSection: { A: 1 } });
  });
});
