import { describe, expect, it } from 'vitest';
import type { AutocompleteSuggestion } from '@mattermost/types/integrations';
import { availableSections, canCreateBots, canUseAccessTokens, integrationsUrl } from '../src/features/integrations/access';
import { incomingHookUrl } from '../src/features/integrations/hook_url';
import { joinLines, parseLines } from '../src/features/integrations/lines';
import { commandSuggestions } from '../src/features/composer/command_suggestions';
import { gotoTarget } from '../src/features/composer/goto_location';
import { parseRoute } from '../src/router/routes';

const allOn = {
  EnableIncomingWebhooks: 'true', EnableOutgoingWebhooks: 'true', EnableCommands: 'true', EnableOAuthServiceProvider: 'true',
  EnableBotAccountCreation: 'true', EnableUserAccessTokens: 'true',
};
const teamUser = new Set(['manage_incoming_webhooks', 'manage_outgoing_webhooks', 'manage_slash_commands', 'create_user_access_token']);

describe('integrations access', () => {
  it('offers a section only when its feature is on and a permission allows managing it', () => {
    expect(availableSections(allOn, teamUser)).toEqual(['incoming_webhooks', 'outgoing_webhooks', 'commands']);
    expect(availableSections({ ...allOn, EnableCommands: 'false' }, teamUser)).toEqual(['incoming_webhooks', 'outgoing_webhooks']);
    expect(availableSections(allOn, new Set(['manage_own_incoming_webhooks']))).toEqual(['incoming_webhooks']);
    expect(availableSections(allOn, new Set())).toEqual([]);
    expect(availableSections({}, new Set(['manage_incoming_webhooks', 'manage_oauth', 'create_bot']))).toEqual([]);
  });

  it('lets admins see bots while creating them is off, and OAuth apps with manage_oauth', () => {
    const admin = new Set(['manage_incoming_webhooks', 'manage_oauth', 'create_bot', 'manage_others_bots', 'create_user_access_token']);
    expect(availableSections({ ...allOn, EnableBotAccountCreation: 'false' }, admin)).toEqual(['incoming_webhooks', 'bots', 'oauth2-apps']);
    expect(canCreateBots({ ...allOn, EnableBotAccountCreation: 'false' }, admin)).toBe(false);
    expect(canCreateBots(allOn, admin)).toBe(true);
    expect(availableSections({ ...allOn, EnableBotAccountCreation: 'false' }, new Set(['create_bot']))).toEqual([]);
  });

  it('offers personal access tokens only with the setting and the permission', () => {
    expect(canUseAccessTokens(allOn, teamUser)).toBe(true);
    expect(canUseAccessTokens({ ...allOn, EnableUserAccessTokens: 'false' }, teamUser)).toBe(false);
    expect(canUseAccessTokens(allOn, new Set(['manage_incoming_webhooks']))).toBe(false);
  });

  it('has Mattermost URLs, parsed back into the integrations route', () => {
    expect(integrationsUrl('acme')).toBe('/acme/integrations');
    expect(integrationsUrl('acme', 'commands')).toBe('/acme/integrations/commands');
    expect(parseRoute('/acme/integrations')).toEqual({ name: 'integrations', team: 'acme', section: '' });
    expect(parseRoute('/acme/integrations/incoming_webhooks')).toEqual({ name: 'integrations', team: 'acme', section: 'incoming_webhooks' });
    expect(parseRoute('/acme/integrations/commands/installed')).toEqual({ name: 'integrations', team: 'acme', section: 'commands' });
  });
});

describe('integration form helpers', () => {
  it('reads one entry per line, dropping blanks and spaces', () => {
    expect(parseLines(' build \n\r\ndeploy\n  \nhttps://ci.example.com/hook\r\n')).toEqual(['build', 'deploy', 'https://ci.example.com/hook']);
    expect(parseLines('')).toEqual([]);
    expect(joinLines(['a', 'b'])).toBe('a\nb');
    expect(joinLines(undefined)).toBe('');
  });

  it('builds the incoming webhook URL from the site URL, else the page origin', () => {
    expect(incomingHookUrl('https://chat.example.com/', 'http://localhost:8065', 'abc')).toBe('https://chat.example.com/hooks/abc');
    expect(incomingHookUrl('', 'http://localhost:8065', 'abc')).toBe('http://localhost:8065/hooks/abc');
    expect(incomingHookUrl(undefined, 'http://localhost:8065', 'abc')).toBe('http://localhost:8065/hooks/abc');
  });
});

const suggestion = (Complete: string, Suggestion: string, Hint = '', Description = ''): AutocompleteSuggestion => ({ Complete, Suggestion, Hint, Description, IconData: '' });

describe('command suggestions', () => {
  it('lists command names with a slash, sorted, with hint and description', () => {
    const items = commandSuggestions('/', [suggestion('echo', 'echo', '{text}', 'Echo back'), suggestion('away', 'away', '', 'Set away')]);
    expect(items.map((i) => [i.label, i.completion, i.hint, i.detail])).toEqual([
      ['/away', '/away', '', 'Set away'],
      ['/echo', '/echo', '{text}', 'Echo back'],
    ]);
  });

  it('lists arguments as the command gives them, completing the whole line', () => {
    const items = commandSuggestions('/jira c', [suggestion('jira create', 'create', '[summary]'), suggestion('jira close', 'close')]);
    expect(items.map((i) => [i.label, i.completion, i.hint])).toEqual([['create', '/jira create', '[summary]'], ['close', '/jira close', '']]);
  });

  it('keeps a free-text argument as a hint that completes nothing new, and drops repeats', () => {
    const items = commandSuggestions('/echo ', [suggestion('echo ', '', '{text}'), suggestion('echo ', '', '{text}')]);
    expect(items).toHaveLength(1);
    expect(items[0]).toMatchObject({ label: '', completion: '/echo', hint: '{text}' });
  });
});

describe('goto_location', () => {
  const origin = 'https://chat.example.com';
  it('follows paths of this app in place', () => {
    expect(gotoTarget('/acme/channels/town-square', origin)).toEqual({ kind: 'app', path: '/acme/channels/town-square' });
    expect(gotoTarget('https://chat.example.com/acme/pl/abc?x=1', origin)).toEqual({ kind: 'app', path: '/acme/pl/abc?x=1' });
    expect(gotoTarget('https://public.example.com/chat/acme/threads', origin, 'https://public.example.com/chat')).toEqual({ kind: 'app', path: '/acme/threads' });
  });

  it('opens other sites in a new tab and ignores what is not http(s)', () => {
    expect(gotoTarget('https://docs.example.org/page', origin)).toEqual({ kind: 'external', url: 'https://docs.example.org/page' });
    expect(gotoTarget('javascript:alert(1)', origin)).toBeNull();
    expect(gotoTarget('http://[bad', origin)).toBeNull();
  });
});
