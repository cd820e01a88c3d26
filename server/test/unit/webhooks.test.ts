import { describe, expect, it } from 'vitest';
import { AppError } from '../../src/model/errors.js';
import { parseIncomingPayload } from '../../src/app/integrations/webhooks/incoming_payload.js';
import { matchTrigger } from '../../src/app/integrations/webhooks/outgoing_triggers.js';
import { splitMessage } from '../../src/app/integrations/webhooks/split_message.js';
import type { OutgoingWebhookRecord } from '../../src/store/integrations/webhooks.js';

const hook = (fields: Partial<OutgoingWebhookRecord>): OutgoingWebhookRecord => ({
  id: 'h', token: 't', create_at: 1, update_at: 1, delete_at: 0, creator_id: 'u', channel_id: 'c', team_id: 'team',
  trigger_words: [], trigger_when: 0, callback_urls: ['https://x.example'], display_name: '', description: '', content_type: '',
  username: '', icon_url: '', ...fields,
});

describe('outgoing webhook triggers', () => {
  it('matches the first word exactly, or by its start with trigger_when 1', () => {
    const exact = hook({ trigger_words: ['go', 'run'] });
    expect(matchTrigger(exact, 'c', '  run now')).toBe('run');
    expect(matchTrigger(exact, 'c', 'runner now')).toBeUndefined();
    expect(matchTrigger(exact, 'c', 'now run')).toBeUndefined();
    const prefix = hook({ trigger_words: ['run'], trigger_when: 1 });
    expect(matchTrigger(prefix, 'c', 'runner now')).toBe('run');
    expect(matchTrigger(prefix, 'c', 'rerun')).toBeUndefined();
  });

  it('fires a channel hook without words on everything in its channel only; a team hook needs its word', () => {
    expect(matchTrigger(hook({}), 'c', 'anything')).toBe('');
    expect(matchTrigger(hook({}), 'other', 'anything')).toBeUndefined();
    const teamWide = hook({ channel_id: '', trigger_words: ['go'] });
    expect(matchTrigger(teamWide, 'any', 'go on')).toBe('go');
    expect(matchTrigger(teamWide, 'any', '')).toBeUndefined();
  });
});

describe('incoming webhook payloads', () => {
  it('reads JSON, Slack\'s form, and JSON with raw newlines in strings', () => {
    expect(parseIncomingPayload('{"text":"hi","channel":"town-square"}', 'application/json')).toMatchObject({ text: 'hi', channel: 'town-square', props: {} });
    expect(parseIncomingPayload(`payload=${encodeURIComponent('{"text":"form"}')}`, 'application/x-www-form-urlencoded').text).toBe('form');
    expect(parseIncomingPayload('{"text": "a\n\tb"}', 'application/json').text).toBe('a\n\tb');
  });

  it('refuses what is not an object of the right field types', () => {
    for (const body of ['', '[]', '{"text": 1}', '{"props": []}', '{"text": "x"']) {
      expect(() => parseIncomingPayload(body, 'application/json')).toThrow(AppError);
    }
  });
});

describe('splitting long webhook text', () => {
  it('cuts by characters, every piece full but the last', () => {
    expect(splitMessage('short', 10)).toEqual(['short']);
    expect(splitMessage('abcdefghij', 4)).toEqual(['abcd', 'efgh', 'ij']);
    // Astral characters count once, as post sizes count them.
    expect(splitMessage('😀😀😀', 2)).toEqual(['😀😀', '😀']);
  });
});
