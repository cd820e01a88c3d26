import { describe, expect, it } from 'vitest';
import { ActionCookies, retainedProps } from '../../src/app/integrations/actions/action_cookies.js';
import { findStoredAction, propsAfterUpdate } from '../../src/app/integrations/actions/action_update.js';
import { validDialog } from '../../src/app/integrations/actions/dialog_validation.js';
import { withoutActionIntegrations } from '../../src/app/integrations/actions/strip_integrations.js';
import type { AtRestKey } from '../../src/app/admin/at_rest_key.js';
import type { StoredAttachment } from '../../src/app/integrations/attachments.js';
import { AppError } from '../../src/model/errors.js';

const keyOf = (secret: string) => ({ get: async () => secret }) as AtRestKey;

const stored: StoredAttachment[] = [{
  text: 'Deploy?',
  actions: [
    { id: 'yes', type: 'button', name: 'Yes', integration: { url: 'https://hooks.example.com/yes', context: { n: 1 } } },
    { id: 'no', type: 'button', name: 'No' },
  ],
}];

describe('stripping integrations for clients', () => {
  it('removes every action\'s integration and keeps the rest, without touching the stored props', () => {
    const props = { from_webhook: 'true', attachments: stored };
    const view = withoutActionIntegrations(props);
    expect(view).toEqual({ from_webhook: 'true', attachments: [{ text: 'Deploy?', actions: [{ id: 'yes', type: 'button', name: 'Yes' }, { id: 'no', type: 'button', name: 'No' }] }] });
    expect(stored[0].actions?.[0].integration).toBeDefined();
  });

  it('returns props without actions as they are', () => {
    const plain = { attachments: [{ text: 'hi' }] };
    expect(withoutActionIntegrations(plain)).toBe(plain);
    const none = { a: 1 };
    expect(withoutActionIntegrations(none)).toBe(none);
  });
});

describe('action updates', () => {
  const kept = retainedProps({ from_webhook: 'true', override_username: 'ci' });

  it('keeps the post\'s props when the update has none', () => {
    const props = { attachments: stored, from_webhook: 'true' };
    expect(propsAfterUpdate(props, undefined, kept, false)).toBe(props);
  });

  it('keeps the stored integration of a repeated action, the server props the post had, and none it lacked', () => {
    const next = propsAfterUpdate({ attachments: stored }, {
      from_bot: 'true', override_username: 'mallory', extra: 1,
      attachments: [{ text: '<https://x.example|done>', actions: [{ id: 'yes', name: 'Again' }, { id: 'new', name: 'New', integration: { url: 'https://hooks.example.com/new' } }] }],
    }, kept, false);
    expect(next.from_webhook).toBe('true');
    expect(next.override_username).toBe('ci');
    expect(next).not.toHaveProperty('from_bot');
    expect(next.extra).toBe(1);
    const [attachment] = next.attachments as StoredAttachment[];
    expect(attachment.text).toBe('[done](https://x.example)');
    expect(attachment.actions?.map((a) => a.integration?.url)).toEqual(['https://hooks.example.com/yes', 'https://hooks.example.com/new']);
  });

  it('finds a stored action by id, leniently', () => {
    expect(findStoredAction({ attachments: stored }, 'yes')).toEqual({ type: 'button', data_source: '', integration: { url: 'https://hooks.example.com/yes', context: { n: 1 } } });
    expect(findStoredAction({ attachments: stored }, 'no')?.integration).toBeUndefined();
    expect(findStoredAction({ attachments: 'junk' }, 'yes')).toBeUndefined();
  });
});

describe('action cookies', () => {
  it('round-trips the action\'s integration and the post, and refuses other keys and altered cookies', async () => {
    const cookies = new ActionCookies(keyOf('secret-one'));
    const [attachment] = await cookies.addTo(stored, { id: 'p1', root_id: '', channel_id: 'c1', props: { from_webhook: 'true' } });
    const [yes, no] = attachment.actions ?? [];
    expect(no.cookie).toBeUndefined();
    expect(yes.cookie).not.toContain('hooks.example.com');
    expect(await cookies.open(yes.cookie ?? '')).toEqual({
      type: 'button', post_id: 'p1', root_post_id: 'p1', channel_id: 'c1', integration: { url: 'https://hooks.example.com/yes', context: { n: 1 } },
      retain_props: { from_webhook: 'true' }, remove_props: ['override_username', 'override_icon_url', 'from_bot'],
    });
    await expect(new ActionCookies(keyOf('secret-two')).open(yes.cookie ?? '')).rejects.toBeInstanceOf(AppError);
    const bytes = Buffer.from(yes.cookie ?? '', 'base64');
    bytes[bytes.length - 1] ^= 1;
    await expect(cookies.open(bytes.toString('base64'))).rejects.toBeInstanceOf(AppError);
    await expect(cookies.open('short')).rejects.toBeInstanceOf(AppError);
  });
});

describe('dialog validation', () => {
  const element = { display_name: 'Name', name: 'name', type: 'text' };

  it('keeps the known fields and fills the defaults', () => {
    const dialog = validDialog({ title: 'Deploy', callback_id: 'cb', elements: [{ ...element, subtype: 'email', min_length: 2, max_length: 9, surprise: true }] });
    expect(dialog).toEqual({
      callback_id: 'cb', title: 'Deploy', introduction_text: '', icon_url: '', submit_label: '', notify_on_cancel: false, state: '',
      elements: [{ ...element, subtype: 'email', default: '', placeholder: '', help_text: '', optional: false, min_length: 2, max_length: 9, data_source: '', options: [] }],
    });
  });

  it.each([
    ['no title', { elements: [] }],
    ['a title over 24 characters', { title: 'x'.repeat(25) }],
    ['an unknown element type', { title: 'T', elements: [{ ...element, type: 'date' }] }],
    ['an unknown subtype', { title: 'T', elements: [{ ...element, subtype: 'colour' }] }],
    ['an element without a name', { title: 'T', elements: [{ ...element, name: '' }] }],
    ['two elements of one name', { title: 'T', elements: [element, element] }],
    ['min_length above max_length', { title: 'T', elements: [{ ...element, min_length: 5, max_length: 2 }] }],
    ['a select default not among its options', { title: 'T', elements: [{ ...element, type: 'select', default: 'x', options: [{ text: 'A', value: 'a' }] }] }],
    ['an unknown data source', { title: 'T', elements: [{ ...element, type: 'select', data_source: 'dynamic' }] }],
    ['a bool default that is not a flag', { title: 'T', elements: [{ ...element, type: 'bool', default: 'yes' }] }],
    ['an icon that is not an http URL', { title: 'T', icon_url: 'javascript:alert(1)' }],
  ])('refuses %s', (_, dialog) => {
    expect(() => validDialog(dialog)).toThrow(AppError);
  });
});
