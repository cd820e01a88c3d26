import { describe, expect, it } from 'vitest';
import { MAX_JSON_DEPTH, parseUntrustedJson, UnsafeJsonError, wellFormed } from '../../src/model/safe_json.js';

describe('parseUntrustedJson', () => {
  it('parses ordinary JSON unchanged', () => {
    expect(parseUntrustedJson('{"a":[1,"x",{"b":null}],"props":{"from_webhook":"true"}}')).toEqual({ a: [1, 'x', { b: null }], props: { from_webhook: 'true' } });
    expect(parseUntrustedJson('"plain"')).toBe('plain');
  });

  it(`accepts ${MAX_JSON_DEPTH} levels and refuses one more, without recursing (100,000 levels)`, () => {
    expect(() => parseUntrustedJson('['.repeat(MAX_JSON_DEPTH) + ']'.repeat(MAX_JSON_DEPTH))).not.toThrow();
    expect(() => parseUntrustedJson('['.repeat(MAX_JSON_DEPTH + 1) + ']'.repeat(MAX_JSON_DEPTH + 1))).toThrow(UnsafeJsonError);
    expect(() => parseUntrustedJson('{"a":'.repeat(100_000) + '1' + '}'.repeat(100_000))).toThrow(UnsafeJsonError);
  });

  it('refuses U+0000 in values and keys, at any depth', () => {
    for (const text of ['"a\\u0000"', '{"a":"\\u0000"}', '{"\\u0000":1}', '[[["x\\u0000y"]]]']) expect(() => parseUntrustedJson(text), text).toThrow(UnsafeJsonError);
  });

  it('refuses __proto__ keys, which would replace an object\'s prototype when assigned', () => {
    expect(() => parseUntrustedJson('{"__proto__":{"admin":true}}')).toThrow(UnsafeJsonError);
    expect(parseUntrustedJson('{"constructor":"x","toString":1}')).toEqual({ constructor: 'x', toString: 1 });
  });

  it('replaces lone surrogates with U+FFFD, in values and keys, and keeps pairs', () => {
    expect(parseUntrustedJson('{"a":"x\\ud800y","\\udc00":"\\ud83d\\ude00"}')).toEqual({ a: 'x\ufffdy', '\ufffd': '😀' });
    expect(wellFormed('\udfff\ud800')).toBe('\ufffd\ufffd');
  });

  it('throws SyntaxError for malformed JSON', () => {
    expect(() => parseUntrustedJson('{"a":')).toThrow(SyntaxError);
  });
});
