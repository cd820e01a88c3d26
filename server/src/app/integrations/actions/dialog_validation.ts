import { isObject } from '../../../config/document/paths.js';
import type { Dialog, DialogElement } from '@mattermost/types/integrations';
import { AppError } from '../../../model/errors.js';

// Mattermost's limits on a dialog (model/integration_action.go).
const TITLE_MAX = 24;
const DISPLAY_NAME_MAX = 24;
const NAME_MAX = 300;
const HELP_TEXT_MAX = 150;
const TEXT_MAX = 150;
const TEXTAREA_MAX = 3000;
const SELECT_MAX = 3000;
const BOOL_MAX = 150;
const MAX_ELEMENTS = 100;
const MAX_OPTIONS = 500;
const SUBTYPES = new Set(['', 'text', 'email', 'number', 'tel', 'url', 'password']);
const DATA_SOURCES = new Set(['', 'users', 'channels']);
/** The most of each element's text a dialog may carry, by type (default and placeholder). */
const TEXT_LIMITS: Record<string, number> = { text: TEXT_MAX, textarea: TEXTAREA_MAX, select: SELECT_MAX, bool: BOOL_MAX, radio: SELECT_MAX };

const invalid = (message: string): AppError => new AppError('interactive_message.open_dialog.invalid_dialog.app_error', message, 400);

function text(value: unknown, where: string, max: number, required = false): string {
  if (value === undefined || value === null) value = '';
  if (typeof value === 'number' || typeof value === 'boolean') value = String(value);
  if (typeof value !== 'string') throw invalid(`${where} must be text.`);
  if (required && value === '') throw invalid(`${where} is required.`);
  if ([...value].length > max) throw invalid(`${where} must be at most ${max} characters.`);
  return value;
}

function integer(value: unknown, where: string): number {
  if (value === undefined || value === null) return 0;
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < 0) throw invalid(`${where} must be a whole number of at least 0.`);
  return value;
}

/** Whether a value is an absolute http(s) URL (an integration's or an icon's). */
export function isHttpUrl(value: string): boolean {
  try {
    const url = new URL(value);
    return url.protocol === 'http:' || url.protocol === 'https:';
  } catch {
    return false;
  }
}

/**
 * Checks a dialog an integration asks to open (Mattermost's Dialog.IsValid, for the element types Parley shows:
 * text, textarea, select, bool, radio) and returns it with only the known fields, so clients get a dialog they can
 * draw. Anything else is a 400 naming the fault.
 */
export function validDialog(value: unknown): Dialog {
  if (!isObject(value)) throw invalid('dialog must be an object.');
  const iconUrl = text(value.icon_url, 'dialog.icon_url', 2048);
  if (iconUrl && !isHttpUrl(iconUrl)) throw invalid('dialog.icon_url must be an http(s) URL.');
  const elements = value.elements ?? [];
  if (!Array.isArray(elements)) throw invalid('dialog.elements must be an array.');
  if (elements.length > MAX_ELEMENTS) throw invalid(`A dialog may have at most ${MAX_ELEMENTS} elements.`);
  const names = new Set<string>();
  const checked = elements.map((element, i) => {
    const valid = validElement(element, `dialog.elements[${i}]`);
    if (names.has(valid.name)) throw invalid(`dialog.elements[${i}]: the name "${valid.name}" is used twice.`);
    names.add(valid.name);
    return valid;
  });
  return {
    callback_id: text(value.callback_id, 'dialog.callback_id', 1024),
    title: text(value.title, 'dialog.title', TITLE_MAX, true),
    introduction_text: text(value.introduction_text, 'dialog.introduction_text', TEXTAREA_MAX),
    icon_url: iconUrl,
    elements: checked,
    submit_label: text(value.submit_label, 'dialog.submit_label', TEXT_MAX),
    notify_on_cancel: value.notify_on_cancel === true,
    state: text(value.state, 'dialog.state', TEXTAREA_MAX),
  };
}

function validElement(value: unknown, where: string): DialogElement {
  if (!isObject(value)) throw invalid(`${where} must be an object.`);
  const type = text(value.type, `${where}.type`, 16);
  const limit = TEXT_LIMITS[type];
  if (limit === undefined) throw invalid(`${where}.type must be text, textarea, select, bool or radio.`);
  const element: DialogElement = {
    display_name: text(value.display_name, `${where}.display_name`, DISPLAY_NAME_MAX, true),
    name: text(value.name, `${where}.name`, NAME_MAX, true),
    type,
    subtype: text(value.subtype, `${where}.subtype`, 16),
    default: text(value.default, `${where}.default`, limit),
    placeholder: text(value.placeholder, `${where}.placeholder`, limit),
    help_text: text(value.help_text, `${where}.help_text`, HELP_TEXT_MAX),
    optional: value.optional === true,
    min_length: integer(value.min_length, `${where}.min_length`),
    max_length: integer(value.max_length, `${where}.max_length`),
    data_source: text(value.data_source, `${where}.data_source`, 16),
    options: options(value.options, where),
  };
  if ((type === 'text' || type === 'textarea') && !SUBTYPES.has(element.subtype)) throw invalid(`${where}.subtype "${element.subtype}" is not one of email, number, password, tel, url.`);
  if (element.max_length > 0 && element.min_length > element.max_length) throw invalid(`${where}.min_length must not exceed max_length.`);
  if (type === 'select' && !DATA_SOURCES.has(element.data_source)) throw invalid(`${where}.data_source must be users or channels.`);
  if (type === 'bool' && !['', 'true', 'false'].includes(element.default)) throw invalid(`${where}.default of a bool must be true or false.`);
  const fromOptions = type === 'radio' || (type === 'select' && element.data_source === '');
  if (fromOptions && element.default !== '' && !element.options.some((o) => o.value === element.default)) {
    throw invalid(`${where}.default "${element.default}" is not one of its options.`);
  }
  return element;
}

function options(value: unknown, where: string): DialogElement['options'] {
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value)) throw invalid(`${where}.options must be an array.`);
  if (value.length > MAX_OPTIONS) throw invalid(`${where} may have at most ${MAX_OPTIONS} options.`);
  return value.map((option, i) => {
    if (!isObject(option)) throw invalid(`${where}.options[${i}] must be an object.`);
    return { text: text(option.text, `${where}.options[${i}].text`, SELECT_MAX), value: text(option.value, `${where}.options[${i}].value`, SELECT_MAX) };
  });
}
