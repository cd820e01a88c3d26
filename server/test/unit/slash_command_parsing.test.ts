import { describe, expect, it } from 'vitest';
import { parseEcho } from '../../src/app/integrations/commands/builtin/message_commands.js';
import { splitFirst } from '../../src/app/integrations/commands/builtin/builtin_command.js';
import { validCommandFields } from '../../src/app/integrations/commands/command_rules.js';

const fields = {
  trigger: 'Deploy', method: 'P', url: 'https://ci.example.com/hook', username: '', icon_url: '', auto_complete: false,
  auto_complete_desc: '', auto_complete_hint: '', display_name: '', description: '',
};

describe('slash command parsing', () => {
  it('reads /echo\'s message and delay, quoted or not', () => {
    expect(parseEcho('"hello there" 5')).toEqual({ text: 'hello there', delaySeconds: 5 });
    expect(parseEcho('"hello there"')).toEqual({ text: 'hello there', delaySeconds: 0 });
    expect(parseEcho('"a "quoted" word" 2')).toEqual({ text: 'a "quoted" word', delaySeconds: 2 });
    expect(parseEcho('plain words 3')).toEqual({ text: 'plain words', delaySeconds: 3 });
    expect(parseEcho('plain words')).toEqual({ text: 'plain words', delaySeconds: 0 });
    expect(parseEcho('"no delay" soon')).toEqual({ text: 'no delay', delaySeconds: 0 });
  });

  it('splits the first word from the rest', () => {
    expect(splitFirst('  @bob  hello   world ')).toEqual(['@bob', 'hello   world']);
    expect(splitFirst('~town')).toEqual(['~town', '']);
    expect(splitFirst('')).toEqual(['', '']);
  });

  it('lower-cases triggers and refuses what Mattermost refuses', () => {
    expect(validCommandFields(fields).trigger).toBe('deploy');
    expect(() => validCommandFields({ ...fields, trigger: '' })).toThrow(expect.objectContaining({ id: 'model.command.is_valid.trigger.app_error' }));
    expect(() => validCommandFields({ ...fields, url: 'javascript:alert(1)' })).toThrow(expect.objectContaining({ id: 'model.command.is_valid.url_http.app_error' }));
    expect(() => validCommandFields({ ...fields, url: '' })).toThrow(expect.objectContaining({ id: 'model.command.is_valid.url.app_error' }));
    expect(() => validCommandFields({ ...fields, description: 'd'.repeat(129) })).toThrow(expect.objectContaining({ id: 'model.command.is_valid.description.app_error' }));
  });
});
