import type { FastifyReply, FastifyRequest } from 'fastify';
import { describe, expect, it, vi } from 'vitest';
import { renderError } from '../../src/api/errors.js';

// Errors are rendered once at the edge: a bug is logged and answered 500; a client that went away mid-request is not
// a server error (no error log, a 4xx in the metrics).

function rendered(err: unknown, requestComplete: boolean): { status: number; body: { id: string }; logged: number } {
  const error = vi.fn();
  const request = { raw: { complete: requestComplete }, log: { error }, id: 'req1' } as unknown as FastifyRequest;
  let status = 0;
  let body: Buffer = Buffer.alloc(0);
  const reply = {
    code(code: number) {
      status = code;
      return this;
    },
    type() {
      return this;
    },
    send(payload: Buffer) {
      body = payload;
      return this;
    },
  } as unknown as FastifyReply;
  renderError(err, request, reply);
  return { status, body: JSON.parse(body.toString()) as { id: string }, logged: error.mock.calls.length };
}

const aborted = (): Error => Object.assign(new Error('aborted'), { code: 'ECONNRESET' });

describe('error rendering', () => {
  it('does not log a request the client closed while sending it as a server error', () => {
    expect(rendered(aborted(), false)).toEqual({ status: 400, body: expect.objectContaining({ id: 'api.context.request_aborted.app_error' }), logged: 0 });
  });

  it('logs and answers 500 for an unexpected error, also a reset once the request had fully arrived', () => {
    expect(rendered(new TypeError('x is undefined'), false)).toMatchObject({ status: 500, body: { id: 'api.context.internal_error.app_error' }, logged: 1 });
    expect(rendered(aborted(), true)).toMatchObject({ status: 500, logged: 1 });
  });
});
