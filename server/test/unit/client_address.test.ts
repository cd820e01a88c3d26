import { describe, expect, it } from 'vitest';
import { clientAddress } from '../../src/api/client_address.js';

describe('clientAddress', () => {
  it('is the socket\'s peer when no proxy header is trusted, whatever the request claims', () => {
    expect(clientAddress({ 'x-forwarded-for': '198.51.100.7' }, '192.0.2.10', [])).toBe('192.0.2.10');
  });

  it('reads the first address of the first trusted header present, in the configured order, any case', () => {
    const headers = { 'x-forwarded-for': ' 203.0.113.1 , 10.0.0.1', 'x-real-ip': '203.0.113.9' };
    expect(clientAddress(headers, '10.0.0.2', ['X-Forwarded-For'])).toBe('203.0.113.1');
    expect(clientAddress(headers, '10.0.0.2', ['X-Real-IP', 'X-Forwarded-For'])).toBe('203.0.113.9');
    expect(clientAddress({ 'x-forwarded-for': '203.0.113.1' }, '10.0.0.2', ['X-Real-IP', 'X-Forwarded-For'])).toBe('203.0.113.1');
  });

  it('falls back to the peer when the trusted headers are missing or empty', () => {
    expect(clientAddress({}, '10.0.0.2', ['X-Forwarded-For'])).toBe('10.0.0.2');
    expect(clientAddress({ 'x-forwarded-for': ' , ' }, '10.0.0.2', ['X-Forwarded-For'])).toBe('10.0.0.2');
    expect(clientAddress({}, undefined, [])).toBe('');
  });

  it('takes the first of repeated headers and unmaps IPv4 addresses on dual-stack sockets', () => {
    expect(clientAddress({ 'x-forwarded-for': ['203.0.113.1', '203.0.113.2'] }, '', ['X-Forwarded-For'])).toBe('203.0.113.1');
    expect(clientAddress({}, '::ffff:192.0.2.10', [])).toBe('192.0.2.10');
    expect(clientAddress({}, '2001:db8::1', [])).toBe('2001:db8::1');
  });
});
