import type { DialogElement } from '@mattermost/types/integrations';

/** A field's value while the dialog is open: text for most elements, a flag for `bool`. */
export type DialogValue = string | boolean;

/** Why a field cannot be submitted yet (the dialog words it). */
export type FieldProblem =
  | { kind: 'required' | 'email' | 'number' | 'url' | 'tel' }
  | { kind: 'minLength'; min: number }
  | { kind: 'maxLength'; max: number };

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const TEL = /^\+?[\d\s().-]{3,}$/;

/** Each element's starting value: its default (`bool` defaults read as true or false). */
export function initialValues(elements: readonly DialogElement[]): Record<string, DialogValue> {
  return Object.fromEntries(elements.map((e) => [e.name, e.type === 'bool' ? e.default === 'true' : e.default ?? '']));
}

function isHttpUrl(text: string): boolean {
  try {
    const url = new URL(text);
    return url.protocol === 'http:' || url.protocol === 'https:';
  } catch {
    return false;
  }
}

/** What is wrong with one field's value, checked as Mattermost's client does before it submits; undefined when fine. */
export function fieldProblem(element: DialogElement, value: DialogValue | undefined): FieldProblem | undefined {
  if (element.type === 'bool') return undefined;
  const text = typeof value === 'string' ? value.trim() : '';
  if (text === '') return element.optional ? undefined : { kind: 'required' };
  if (element.type !== 'text' && element.type !== 'textarea') return undefined;
  if (element.min_length > 0 && text.length < element.min_length) return { kind: 'minLength', min: element.min_length };
  if (element.max_length > 0 && text.length > element.max_length) return { kind: 'maxLength', max: element.max_length };
  if (element.subtype === 'email' && !EMAIL.test(text)) return { kind: 'email' };
  if (element.subtype === 'number' && !Number.isFinite(Number(text))) return { kind: 'number' };
  if (element.subtype === 'url' && !isHttpUrl(text)) return { kind: 'url' };
  if (element.subtype === 'tel' && !TEL.test(text)) return { kind: 'tel' };
  return undefined;
}

/** The problems of every field that has one, by element name. */
export function dialogProblems(elements: readonly DialogElement[], values: Record<string, DialogValue>): Record<string, FieldProblem> {
  const problems: Record<string, FieldProblem> = {};
  for (const element of elements) {
    const problem = fieldProblem(element, values[element.name]);
    if (problem) problems[element.name] = problem;
  }
  return problems;
}

/** The submission as integrations expect it: numbers for `number` fields, flags for `bool`, text for the rest. */
export function submission(elements: readonly DialogElement[], values: Record<string, DialogValue>): Record<string, string | number | boolean> {
  const out: Record<string, string | number | boolean> = {};
  for (const element of elements) {
    const value = values[element.name];
    if (element.type === 'bool') out[element.name] = value === true;
    else if (typeof value === 'string' && value.trim() !== '') out[element.name] = element.subtype === 'number' ? Number(value.trim()) : value.trim();
  }
  return out;
}
