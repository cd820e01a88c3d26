import { afterEach, describe, expect, it, vi } from 'vitest';
import type { DialogElement, OpenDialogRequest } from '@mattermost/types/integrations';
import type { Post } from '@mattermost/types/posts';
import { attachmentColor, buttonStyle } from '../src/features/posts/attachments/attachment_colors';
import { attachmentFallback, attachmentsOf, attachmentTime, fieldRows } from '../src/features/posts/attachments/attachment_content';
import { matchingOptions } from '../src/features/posts/attachments/action_options';
import { dialogProblems, fieldProblem, initialValues, submission } from '../src/features/posts/dialogs/dialog_values';
import { closeDialog, expectDialog, openDialogFromEvent, useDialogState } from '../src/features/posts/dialogs/dialog_state';
import { integrationIdentity } from '../src/features/posts/IntegrationIdentity';

const element = (extra: Partial<DialogElement>): DialogElement => ({
  display_name: 'Field', name: 'field', type: 'text', subtype: '', default: '', placeholder: '', help_text: '', optional: false,
  min_length: 0, max_length: 0, data_source: '', options: [], ...extra,
});

describe('attachment colours and button styles', () => {
  it('maps Slack\'s named colours and accepts hex with or without #', () => {
    expect(attachmentColor('good')).toBe('#00c100');
    expect(attachmentColor('WARNING')).toBe('#dede01');
    expect(attachmentColor('danger')).toBe('#e40303');
    expect(attachmentColor('#3AA3E3')).toBe('#3AA3E3');
    expect(attachmentColor('abc')).toBe('#abc');
    expect(attachmentColor('red; background: url(x)')).toBeUndefined();
    expect(attachmentColor(undefined)).toBeUndefined();
  });

  it('draws named button styles by class and hex styles by colour; anything else as default', () => {
    expect(buttonStyle('primary')).toEqual({ className: 'action-button-primary' });
    expect(buttonStyle('good')).toEqual({ className: 'action-button-success' });
    expect(buttonStyle('#ff0000')).toEqual({ className: 'action-button-custom', color: '#ff0000' });
    expect(buttonStyle('blink')).toEqual({ className: 'action-button-default' });
    expect(buttonStyle(undefined)).toEqual({ className: 'action-button-default' });
  });
});

describe('attachment content', () => {
  it('lays short fields two to a row and long fields alone', () => {
    const f = (title: string, short: boolean) => ({ title, value: title, short });
    expect(fieldRows([f('a', true), f('b', true), f('c', true), f('d', false), f('e', true)]).map((row) => row.map((x) => x.title)))
      .toEqual([['a', 'b'], ['c'], ['d'], ['e']]);
  });

  it('reads attachments leniently and gives their fallback text for notifications', () => {
    const post = { props: { attachments: [{ fallback: 'Deploy #7 failed', text: 'long' }, 'junk', { title: 'Second' }] } };
    expect(attachmentsOf(post)).toHaveLength(2);
    expect(attachmentFallback(post)).toBe('Deploy #7 failed\nSecond');
    expect(attachmentFallback({ props: {} })).toBe('');
  });

  it('keeps only fields of the right type, so a hostile post cannot break the channel', () => {
    const [attachment] = attachmentsOf({ props: { attachments: [{
      text: { html: '<b>' }, title: 7, fields: 'many', ts: 1_700_000_000,
      actions: [{ id: 'a', name: 'Go', integration: { url: 'x' }, options: [{ text: 'T', value: { v: 1 } }, 'junk'] }, 'junk'],
    }] } });
    expect(attachment).toEqual({ title: '7', ts: '1700000000', actions: [{ id: 'a', name: 'Go', options: [{ text: 'T', value: '' }] }] });
  });

  it('reads ts as Unix seconds, number or text', () => {
    expect(attachmentTime(1_700_000_000)).toBe(1_700_000_000_000);
    expect(attachmentTime('1700000000.5')).toBe(1_700_000_000_500);
    expect(attachmentTime('soon')).toBeUndefined();
    expect(attachmentTime(undefined)).toBeUndefined();
  });

  it('narrows a menu\'s static options by what was typed', () => {
    const options = [{ text: 'Production', value: 'prod' }, { text: 'Staging', value: 'stage' }];
    expect(matchingOptions(options, 'PROD')).toEqual([options[0]]);
    expect(matchingOptions(options, '  ')).toEqual(options);
  });
});

describe('dialog values', () => {
  it('requires non-optional fields and checks lengths', () => {
    const name = element({ name: 'name', min_length: 3, max_length: 5 });
    expect(fieldProblem(name, '')).toEqual({ kind: 'required' });
    expect(fieldProblem(name, '  ')).toEqual({ kind: 'required' });
    expect(fieldProblem(name, 'ab')).toEqual({ kind: 'minLength', min: 3 });
    expect(fieldProblem(name, 'abcdef')).toEqual({ kind: 'maxLength', max: 5 });
    expect(fieldProblem(name, 'abcd')).toBeUndefined();
    expect(fieldProblem({ ...name, optional: true }, '')).toBeUndefined();
  });

  it('checks the subtypes', () => {
    expect(fieldProblem(element({ subtype: 'email' }), 'a@b')).toEqual({ kind: 'email' });
    expect(fieldProblem(element({ subtype: 'email' }), 'a@b.io')).toBeUndefined();
    expect(fieldProblem(element({ subtype: 'number' }), '12x')).toEqual({ kind: 'number' });
    expect(fieldProblem(element({ subtype: 'url' }), 'javascript:alert(1)')).toEqual({ kind: 'url' });
    expect(fieldProblem(element({ subtype: 'url' }), 'https://example.com')).toBeUndefined();
    expect(fieldProblem(element({ subtype: 'tel' }), 'call me')).toEqual({ kind: 'tel' });
  });

  it('starts from the defaults and submits numbers, flags and trimmed text', () => {
    const elements = [
      element({ name: 'count', subtype: 'number', default: '3' }),
      element({ name: 'ok', type: 'bool', default: 'true' }),
      element({ name: 'note', type: 'textarea', optional: true }),
      element({ name: 'env', type: 'select', options: [{ text: 'Prod', value: 'prod' }] }),
    ];
    const values = initialValues(elements);
    expect(values).toEqual({ count: '3', ok: true, note: '', env: '' });
    expect(dialogProblems(elements, values)).toEqual({ env: { kind: 'required' } });
    expect(submission(elements, { ...values, env: 'prod', note: ' hi ' })).toEqual({ count: 3, ok: true, note: 'hi', env: 'prod' });
  });
});

describe('integration posts', () => {
  const post = (props: Record<string, unknown>) => ({ props }) as unknown as Post;

  it('shows the name and icon an integration chose, only on posts the server marked from_webhook', () => {
    expect(integrationIdentity(post({ from_webhook: 'true', override_username: 'ci-bot', override_icon_url: 'https://example.com/ci.png' })))
      .toEqual({ fromIntegration: true, name: 'ci-bot', iconUrl: 'https://example.com/ci.png' });
    expect(integrationIdentity(post({ from_webhook: 'true', override_icon_url: 'javascript:alert(1)' }))).toEqual({ fromIntegration: true, name: undefined, iconUrl: undefined });
    expect(integrationIdentity(post({ override_username: 'mallory' }))).toEqual({ fromIntegration: false });
  });
});

describe('which tab shows a dialog', () => {
  const request = (trigger: string): OpenDialogRequest => ({ trigger_id: trigger, url: 'https://example.com/submit', dialog: { title: 'T' } });
  afterEach(() => {
    closeDialog();
    vi.restoreAllMocks();
  });

  it('a tab without focus shows only the dialog its own click asked for, even when the event comes first', () => {
    vi.spyOn(document, 'hasFocus').mockReturnValue(false);
    openDialogFromEvent(request('someone-else'));
    expect(useDialogState.getState().open).toBeUndefined();
    expectDialog('mine');
    openDialogFromEvent(request('mine'));
    expect(useDialogState.getState().open?.request.trigger_id).toBe('mine');
    closeDialog();
    openDialogFromEvent(request('early'));
    expect(useDialogState.getState().open).toBeUndefined();
    expectDialog('early');
    expect(useDialogState.getState().open?.request.trigger_id).toBe('early');
  });

  it('the tab the user is in shows any dialog opened for them (a command\'s)', () => {
    vi.spyOn(document, 'hasFocus').mockReturnValue(true);
    openDialogFromEvent(request('from-a-command'));
    expect(useDialogState.getState().open?.request.trigger_id).toBe('from-a-command');
  });
});
