import { describe, expect, it } from 'vitest';
import type { EnvironmentConfig } from '@mattermost/types/config';
import { readSetting, setByEnvironment, writeSetting, type ConfigDocument } from '../src/features/admin/settings/configPath';
import { fieldOfError } from '../src/features/admin/settings/configErrors';
import { serverError } from '../src/api/client';
import { changedRoles, columnHas, toggleRow, type PermissionColumn, type PermissionRow } from '../src/features/admin/permissions/tree';
import { settingsSections } from '../src/features/admin/settings';
import { database, fileStorage, imageProxy } from '../src/features/admin/settings/pages/environment';
import { posts } from '../src/features/admin/settings/pages/site_config';
import type { SettingsPageDef } from '../src/features/admin/settings/page';
import type { Translate } from '../src/i18n/useT';

const doc = {
  TeamSettings: { SiteName: 'Parley', MaxUsersPerTeam: 50 },
  ServiceSettings: { SiteURL: '' },
  SomeFutureSettings: { Kept: true },
} as unknown as ConfigDocument;

describe('config document paths', () => {
  it('reads a key and writes a copy that keeps every other section and key', () => {
    expect(readSetting(doc, 'TeamSettings.SiteName')).toBe('Parley');
    expect(readSetting(doc, 'PasswordSettings.MinimumLength')).toBeUndefined();
    const next = writeSetting(doc, 'TeamSettings.SiteName', 'Acme Chat');
    expect(readSetting(next, 'TeamSettings.SiteName')).toBe('Acme Chat');
    expect(readSetting(next, 'TeamSettings.MaxUsersPerTeam')).toBe(50);
    expect((next as unknown as Record<string, unknown>).SomeFutureSettings).toEqual({ Kept: true });
    expect(readSetting(doc, 'TeamSettings.SiteName')).toBe('Parley');
    expect(readSetting(writeSetting(doc, 'ParleySettings.MaxPostSize', 100), 'ParleySettings.MaxPostSize')).toBe(100);
  });

  it('does not find inherited object properties as settings', () => {
    expect(readSetting(doc, 'ParleySettings.constructor')).toBeUndefined();
    expect(readSetting(doc, 'TeamSettings.toString' as 'TeamSettings.SiteName')).toBeUndefined();
  });

  it('knows which keys the environment sets', () => {
    const environment = { ServiceSettings: { SiteURL: true }, TeamSettings: { SiteName: false } } as unknown as Partial<EnvironmentConfig>;
    expect(setByEnvironment(environment, 'ServiceSettings.SiteURL')).toBe(true);
    expect(setByEnvironment(environment, 'TeamSettings.SiteName')).toBe(false);
    expect(setByEnvironment(environment, 'RateLimitSettings.Enable')).toBe(false);
    expect(setByEnvironment({}, 'ServiceSettings.SiteURL')).toBe(false);
  });
});

describe('validation errors find their field', () => {
  const paths = ['ServiceSettings.SiteURL', 'TeamSettings.MaxUsersPerTeam', 'RateLimitSettings.PerSec', 'TeamSettings.TeammateNameDisplay'] as const;
  const error = (id: string, message = 'Invalid.', detail = '') => ({ id, message, detail });

  it('by the path its text names', () => {
    expect(fieldOfError(error('api.config.invalid', 'RateLimitSettings.PerSec must be positive'), paths)).toBe('RateLimitSettings.PerSec');
    expect(fieldOfError(error('api.config.invalid', 'Invalid value', 'ServiceSettings.SiteURL: not a URL'), paths)).toBe('ServiceSettings.SiteURL');
  });

  it("by Mattermost's validation id", () => {
    expect(fieldOfError(error('model.config.is_valid.site_url.app_error'), paths)).toBe('ServiceSettings.SiteURL');
    expect(fieldOfError(error('model.config.is_valid.max_users.app_error'), paths)).toBe('TeamSettings.MaxUsersPerTeam');
    expect(fieldOfError(error('model.config.is_valid.rate_sec.app_error'), paths)).toBe('RateLimitSettings.PerSec');
    expect(fieldOfError(error('model.config.is_valid.teammate_name_display.app_error'), paths)).toBe('TeamSettings.TeammateNameDisplay');
  });

  it('not at all when it concerns a key the page does not show', () => {
    expect(fieldOfError(error('model.config.is_valid.sql_driver.app_error'), paths)).toBeUndefined();
    expect(fieldOfError(error('model.config.is_valid.password_length.app_error'), paths)).toBeUndefined();
    expect(fieldOfError(error('api.context.permissions.app_error', 'You do not have the appropriate permissions.'), paths)).toBeUndefined();
  });

  it("reads Client4's error", () => {
    const thrown = Object.assign(new Error('x'), { message: 'Site URL is invalid', server_error_id: 'model.config.is_valid.site_url.app_error', status_code: 400 });
    expect(serverError(thrown)).toEqual({ message: 'Site URL is invalid', id: 'model.config.is_valid.site_url.app_error', detail: '' });
  });
});

describe('permission columns', () => {
  const all: PermissionColumn = { id: 'all', title: 'All Members', roles: { system: 'system_user', team: 'team_user', channel: 'channel_user' } };
  const channelAdmin: PermissionColumn = { id: 'channel_admin', title: 'Channel Admins', roles: { channel: 'channel_admin' } };
  const createPost: PermissionRow = { id: 'create_post', label: 'Create posts', permissions: ['create_post'], scope: 'channel' };
  const reactions: PermissionRow = { id: 'reactions', label: 'Reactions', permissions: ['add_reaction', 'remove_reaction'], scope: 'channel' };
  const createTeam: PermissionRow = { id: 'create_team', label: 'Create teams', permissions: ['create_team'], scope: 'system' };
  const state = {
    system_user: ['create_team'],
    team_user: ['view_team'],
    channel_user: ['read_channel', 'create_post', 'add_reaction'],
    channel_admin: ['create_post'],
  };

  it('a row is granted only when the role of its scope has all its permissions', () => {
    expect(columnHas(state, all, createPost)).toBe(true);
    expect(columnHas(state, all, reactions)).toBe(false);
    expect(columnHas(state, all, createTeam)).toBe(true);
    expect(columnHas(state, channelAdmin, createTeam)).toBe(false);
  });

  it('toggling changes only the role of the row scope, and Save patches only changed roles', () => {
    const without = toggleRow(state, all, createPost, false);
    expect(without.channel_user).toEqual(['read_channel', 'add_reaction']);
    expect(without.channel_admin).toEqual(['create_post']);
    expect(changedRoles(state, without)).toEqual(['channel_user']);
    const withReactions = toggleRow(state, all, reactions, true);
    expect(withReactions.channel_user).toEqual(['read_channel', 'create_post', 'add_reaction', 'remove_reaction']);
    expect(toggleRow(toggleRow(state, all, createPost, false), all, createPost, true).channel_user).toContain('create_post');
    expect(changedRoles(state, toggleRow(toggleRow(state, all, createPost, false), all, createPost, true))).toEqual([]);
  });

  it('a column without a role for the scope leaves the state alone', () => {
    expect(toggleRow(state, channelAdmin, createTeam, true)).toBe(state);
  });
});

describe('settings pages', () => {
  const t = ((key: string) => key) as Translate;
  const keys = (page: SettingsPageDef): string[] => page.fields(t, doc).map((f) => f.path);

  it('lists Database, File Storage and Image Proxy in Environment after Web Server, before SMTP', () => {
    const environment = settingsSections.filter((s) => s.group === 'Environment').map((s) => s.path);
    expect(environment.slice(0, 5)).toEqual(['environment/web_server', 'environment/database', 'environment/file_storage', 'environment/image_proxy', 'environment/smtp']);
  });

  it('edits the PostgreSQL pool and only shows the driver, which the database URL decides', () => {
    expect(database.fields(t, doc).map((f) => [f.path, f.kind])).toEqual([
      ['SqlSettings.DriverName', 'readonly'], ['SqlSettings.MaxOpenConns', 'number'],
      ['SqlSettings.ConnMaxIdleTimeMilliseconds', 'number'], ['SqlSettings.ConnMaxLifetimeMilliseconds', 'number'],
    ]);
  });

  it('edits the file storage, image proxy and link preview keys of the config document', () => {
    expect(keys(fileStorage)).toEqual([
      'FileSettings.DriverName', 'FileSettings.Directory', 'FileSettings.EnableFileAttachments', 'FileSettings.EnablePublicLink',
      'FileSettings.AmazonS3Bucket', 'FileSettings.AmazonS3Region', 'FileSettings.AmazonS3Endpoint', 'FileSettings.AmazonS3AccessKeyId',
      'FileSettings.AmazonS3SecretAccessKey', 'FileSettings.AmazonS3SSL', 'FileSettings.AmazonS3PathPrefix',
    ]);
    expect(fileStorage.fields(t, doc).find((f) => f.path === 'FileSettings.AmazonS3SecretAccessKey')).toMatchObject({ kind: 'text', secret: true });
    expect(keys(imageProxy)).toEqual(['ImageProxySettings.Enable', 'ImageProxySettings.ImageProxyType']);
    expect(keys(posts)).toEqual(expect.arrayContaining([
      'FileSettings.MaxFileSize', 'ServiceSettings.EnableLinkPreviews', 'ServiceSettings.RestrictLinkPreviews', 'ServiceSettings.AllowedUntrustedInternalConnections',
    ]));
  });
});
