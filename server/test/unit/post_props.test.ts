import { describe, expect, it } from 'vitest';
import { sanitizeProps } from '../../src/app/posts.js';
import { AppError } from '../../src/model/errors.js';

// sanitizeProps must answer a clear 400 for any shape, never overflow the stack measuring it.

function nested(depth: number): Record<string, unknown> {
  let value: Record<string, unknown> = {};
  for (let i = 0; i < depth; i++) value = { inner: value };
  return value;
}

describe('sanitizeProps', () => {
  it('refuses props nested far too deep for JSON.stringify with the props error, not a stack overflow', () => {
    let thrown: unknown;
    try {
      sanitizeProps(nested(200_000));
    } catch (err) {
      thrown = err;
    }
    expect(thrown).toBeInstanceOf(AppError);
    expect(thrown).toMatchObject({ id: 'model.post.is_valid.props.app_error', statusCode: 400 });
  });

  it('keeps ordinary nesting (attachments) and drops the keys only the server sets', () => {
    const props = { attachments: [{ fields: [{ title: 't', value: 'v' }] }], from_webhook: 'true', nested: nested(10) };
    expect(sanitizeProps(props)).toEqual({ attachments: props.attachments, nested: props.nested });
  });
});
