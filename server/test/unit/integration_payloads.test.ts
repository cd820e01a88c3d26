import { describe, expect, it } from 'vitest';
import { AtRestKey } from '../../src/app/admin/at_rest_key.js';
import type { AppDeps } from '../../src/app/deps.js';
import { normalizeAttachments } from '../../src/app/integrations/attachments.js';
import { parseIntegrationResponse } from '../../src/app/integrations/integration_response.js';
import { slackToMarkdown } from '../../src/app/integrations/slack_markup.js';
import { TriggerIds } from '../../src/app/integrations/trigger_ids.js';
import { AppError } from '../../src/model/errors.js';

describe('Slack markup', () => {
  it.each([
    ['see <https://example.com/a?b=1|the docs> now', 'see [the docs](https://example.com/a?b=1) now'],
    ['bare <https://example.com>', 'bare https://example.com'],
    ['<!channel> and <!here> and <!all>', '@channel and @here and @all'],
    ['hi <@ana>', 'hi @ana'],
    ['<mailto:a@example.com|mail me>', '[mail me](mailto:a@example.com)'],
    ['<javascript:alert(1)|click>', '<javascript:alert(1)|click>'],
    ['a < b > c and <not a link>', 'a < b > c and <not a link>'],
    ['<!everyone>', '<!everyone>'],
  ])('%s', (input, expected) => {
    expect(slackToMarkdown(input)).toBe(expected);
  });
});

const badAttachments = (value: unknown): string => {
  try {
    normalizeAttachments(value);
  } catch (err) {
    expect(err).toBeInstanceOf(AppError);
    expect((err as AppError).statusCode).toBe(400);
    return (err as AppError).message;
  }
  throw new Error('accepted');
};

describe('attachments', () => {
  it('keeps the known fields, converts markup, types fields and gives actions ids', () => {
    const [attachment] = normalizeAttachments([{
      fallback: 'fb', color: '#36a64f', pretext: '<!here> deploy', title: 'T', title_link: 'https://x.test', text: 'see <https://x.test|x>',
      fields: [{ title: 'Env', value: 'prod', short: true }, { title: 'Count', value: 3 }], unknown: 'dropped',
      actions: [{ name: 'Approve', integration: { url: 'https://hooks.test/a', context: { k: 1 } } }, { id: 'keep1', name: 'Menu', type: 'select', options: [{ text: 'A', value: 'a' }] }],
    }]);
    expect(attachment).toMatchObject({
      fallback: 'fb', color: '#36a64f', pretext: '@here deploy', text: 'see [x](https://x.test)',
      fields: [{ title: 'Env', value: 'prod', short: true }, { title: 'Count', value: 3, short: false }],
    });
    expect(attachment).not.toHaveProperty('unknown');
    expect(attachment.actions?.[0]).toMatchObject({ type: 'button', name: 'Approve', integration: { url: 'https://hooks.test/a', context: { k: 1 } } });
    expect(attachment.actions?.[0].id).toMatch(/^[a-z0-9]{26}$/);
    expect(attachment.actions?.[1]).toMatchObject({ id: 'keep1', type: 'select', options: [{ text: 'A', value: 'a' }] });
  });

  it('leaves markup alone when asked to', () => {
    expect(normalizeAttachments([{ text: '<!channel>' }], { skipSlackParsing: true })[0].text).toBe('<!channel>');
  });

  it('treats null and undefined as none', () => {
    expect(normalizeAttachments(undefined)).toEqual([]);
    expect(normalizeAttachments(null)).toEqual([]);
  });

  it('refuses what is not attachments, naming the culprit', () => {
    expect(badAttachments('text')).toMatch(/array/);
    expect(badAttachments([1])).toMatch(/attachments\[0\]/);
    expect(badAttachments([{ title: { nested: true } }])).toMatch(/attachments\[0\]\.title/);
    expect(badAttachments([{ fields: 'x' }])).toMatch(/fields/);
    expect(badAttachments([{ fields: [{ value: [1] }] }])).toMatch(/fields\[0\]\.value/);
    expect(badAttachments([{ actions: [{ name: 'x', type: 'link' }] }])).toMatch(/button or select/);
    expect(badAttachments([{ actions: [{ name: 'x', integration: { url: 'u', context: 'no' } }] }])).toMatch(/context/);
    expect(badAttachments(Array.from({ length: 101 }, () => ({})))).toMatch(/at most/);
  });
});

describe('integration responses', () => {
  it('reads a JSON answer, ignoring fields of the wrong type', () => {
    const response = parseIntegrationResponse(JSON.stringify({
      response_type: 'in_channel', text: 'hi', username: 7, props: { a: 1 }, attachments: [{ text: 'x' }], goto_location: '/t/channels/x',
      extra_responses: [{ text: 'more', extra_responses: [{ text: 'too deep' }] }, 'junk'],
    }), 'application/json');
    expect(response).toEqual({
      response_type: 'in_channel', text: 'hi', props: { a: 1 }, attachments: [{ text: 'x' }], goto_location: '/t/channels/x',
      extra_responses: [{ text: 'more' }],
    });
  });

  it('takes any other answer as the text', () => {
    expect(parseIntegrationResponse('plain words', 'text/plain')).toEqual({ text: 'plain words' });
    expect(parseIntegrationResponse('{not json', 'application/json')).toEqual({ text: '{not json' });
    expect(parseIntegrationResponse('[1,2]', 'application/json')).toEqual({ text: '[1,2]' });
  });
});

describe('trigger ids', () => {
  const document = { SqlSettings: { AtRestEncryptKey: '' } };
  const deps = { liveConfig: { document } } as unknown as AppDeps;
  let saves = 0;
  const key = new AtRestKey(deps, async (partial) => {
    saves++;
    document.SqlSettings.AtRestEncryptKey = (partial.SqlSettings as { AtRestEncryptKey: string }).AtRestEncryptKey;
  });
  const triggers = new TriggerIds(key);

  it('name the user they were issued for, generating the key once', async () => {
    const [a, b] = await Promise.all([triggers.issue('user1'), triggers.issue('user2')]);
    expect(saves).toBe(1);
    expect(document.SqlSettings.AtRestEncryptKey.length).toBeGreaterThan(20);
    expect(await triggers.userOf(a)).toBe('user1');
    expect(await triggers.userOf(b)).toBe('user2');
  });

  it('refuse altered, forged and expired ids', async () => {
    const id = await triggers.issue('user1');
    const [payload, signature] = id.split('.');
    const forgedPayload = Buffer.from(`x:admin:${Date.now()}`).toString('base64url');
    for (const bad of [`${forgedPayload}.${signature}`, `${payload}.${signature.slice(1)}`, payload, `${id}.x`, '']) {
      await expect(triggers.userOf(bad)).rejects.toMatchObject({ statusCode: 400, id: 'interactive_message.decode_trigger_id.signature_decode_failed' });
    }
    const realNow = Date.now;
    Date.now = () => realNow() + 3 * 60_000 + 1;
    try {
      await expect(triggers.userOf(id)).rejects.toMatchObject({ id: 'interactive_message.decode_trigger_id.expired' });
    } finally {
      Date.now = realNow;
    }
  });
});
