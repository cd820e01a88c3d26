import type { FastifyReply, FastifyRequest } from 'fastify';
import { describe, expect, it, vi } from 'vitest';
import { renderError } from '../../src/api/errors.js';
import { SERVER_BUSY_ID } from '../../src/app/concurrency_limit.js';
import { AppError } from '../../src/model/errors.js';

// Errors are rendered once at the edge: a bug is logged and answered 500; a client that went away mid-request is not
// a server error (no error log, a 4xx in the metrics).

function rendered(err: unknown, requestComplete: boolean): { status: number; body: { id: string }; logged: number; warned: number } {
  const error = vi.fn();
  const warn = vi.fn();
  const request = { raw: { complete: requestComplete }, log: { error, warn }, id: 'req1' } as unknown as FastifyRequest;
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
  return { status, body: JSON.parse(body.toString()) as { id: string }, logged: error.mock.calls.length, warned: warn.mock.calls.length };
}

const aborted = (): Error => Object.assign(new Error('aborted'), { code: 'ECONNRESET' });

describe('error rendering', () => {
  it('does not log a request the client closed while sending it as a server error', () => {
    expect(rendered(aborted(), false)).toEqual({ status: 400, body: expect.objectContaining({ id: 'api.context.request_aborted.app_error' }), logged: 0, warned: 0 });
  });

  it('logs and answers 500 for an unexpected error, also a reset once the request had fully arrived', () => {
    expect(rendered(new TypeError('x is undefined'), false)).toMatchObject({ status: 500, body: { id: 'api.context.internal_error.app_error' }, logged: 1 });
    expect(rendered(aborted(), true)).toMatchObject({ status: 500, logged: 1 });
  });

  it('logs load shed on purpose as a warning, and other server errors, 503 included, as errors', () => {
    const busy = new AppError(SERVER_BUSY_ID, 'The server is too busy to answer this request; try again.', 503);
    expect(rendered(busy, true)).toMatchObject({ status: 503, body: { id: SERVER_BUSY_ID }, logged: 0, warned: 1 });
    const unreachable = new AppError('ent.ldap.do_login.unable_to_connect.app_error', 'Unable to connect to AD/LDAP server: timeout', 503);
    expect(rendered(unreachable, true)).toMatchObject({ status: 503, logged: 1, warned: 0 });
  });
});
