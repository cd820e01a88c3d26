// Seeded generators of hostile requests for the generated hostile-input suite.
// Everything random comes from one mulberry32 stream, so a seed replays a run.

export type Rng = () => number;

/** mulberry32: a tiny, fast, seedable PRNG (uniform in [0, 1)). */
export function mulberry32(seed: number): Rng {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export const pick = <T>(rng: Rng, items: readonly T[]): T => items[Math.floor(rng() * items.length)];
export const chance = (rng: Rng, p: number): boolean => rng() < p;

/** Nesting far beyond the parse-time bound, built as text (building it as a value would need recursion to send). */
export const deepJson = (levels: number, open = '[', close = ']'): string => open.repeat(levels) + close.repeat(levels);
const deepObject = (levels: number): string => '{"a":'.repeat(levels) + '1' + '}'.repeat(levels);

/** Stands for a deeply nested value in a generated body until `toJson` splices the nesting in as text. */
const DEEP_MARKER = '\u2063deep\u2063';

/** The body as JSON text, with any deep-nesting marker replaced by thousands of levels of objects. */
export function toJson(body: unknown, rng: Rng): string {
  const text = JSON.stringify(body);
  return text.includes(DEEP_MARKER) ? text.replace(JSON.stringify(DEEP_MARKER), deepObject(pick(rng, [65, 5_000, 50_000]))) : text;
}

/** Strings that have broken servers: control bytes, NUL, lone surrogates, prototype names, injection, sizes. */
export const HOSTILE_STRINGS: readonly string[] = [
  '', ' ', '\u0000', 'a\u0000b', '\u0001\u0002\u001f\u007f', '\ud800', 'x\udc00y', '\ud83d', '\uffff', '\u202e\u200b',
  '__proto__', 'constructor', 'prototype', 'toString', 'hasOwnProperty', 'valueOf', '__defineGetter__',
  'me', '..', '../../etc/passwd', '%00', '%%%', '\' OR 1=1 --', '"; DROP TABLE users; --', '<script>alert(1)</script>',
  '${jndi:ldap://x}', '{{7*7}}', 'NaN', 'Infinity', '-1', '1e309', '0x1f', 'true', 'null', '[]', '{}',
  'aaaaaaaaaaaaaaaaaaaaaaaaaa', 'zzzzzzzzzzzzzzzzzzzzzzzzzz', '日本語テキスト', 'ünïcödé', '😀'.repeat(40),
  'a'.repeat(257), 'b'.repeat(4097), 'c'.repeat(70_000),
];

/** A hostile JSON value of any type (as a value; `hostileJsonText` adds what a value cannot express). */
export function hostileValue(rng: Rng, depth = 0): unknown {
  const roll = Math.floor(rng() * 14);
  switch (roll) {
    case 0: return pick(rng, [0, -1, 1.5, -0, 2 ** 53, -(2 ** 63), 1e308, Number.MAX_SAFE_INTEGER + 2]);
    case 1: return pick(rng, [true, false, null]);
    case 2: return [];
    case 3: return {};
    case 4: return depth < 3 ? Array.from({ length: 1 + Math.floor(rng() * 4) }, () => hostileValue(rng, depth + 1)) : 'x';
    case 5: return depth < 3 ? hostileObject(rng, depth + 1) : 'y';
    case 6: return Array.from({ length: pick(rng, [1001, 5000]) }, (_, i) => (i % 2 ? 'aaaaaaaaaaaaaaaaaaaaaaaaaa' : i));
    case 7: return 'd'.repeat(pick(rng, [300, 9000, 200_000]));
    default: return pick(rng, HOSTILE_STRINGS);
  }
}

/** An object whose keys are hostile too (prototype names as keys are the point). */
export function hostileObject(rng: Rng, depth = 0): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  const count = 1 + Math.floor(rng() * 4);
  for (let i = 0; i < count; i++) {
    // defineProperty, so `__proto__` becomes an own key that JSON.stringify sends, not a prototype change.
    Object.defineProperty(out, pick(rng, HOSTILE_STRINGS).slice(0, 64), { value: hostileValue(rng, depth + 1), enumerable: true, configurable: true, writable: true });
  }
  return out;
}

/** Whole request bodies no value can express: broken JSON, deep nesting, huge arrays, raw control bytes. */
export function hostileJsonText(rng: Rng): string {
  return pick(rng, [
    deepJson(pick(rng, [65, 100, 3000, 100_000])), deepObject(pick(rng, [65, 1000, 20_000])), `{"props":${deepObject(200)}}`,
    `{"message":"x","props":${deepObject(70)}}`, `[${'"aaaaaaaaaaaaaaaaaaaaaaaaaa",'.repeat(20_000)}"x"]`, '{"a":', '}', 'nul\u0000l', '\ufeff{}',
    '{"__proto__":{"admin":true}}', '{"constructor":{"prototype":{"admin":true}}}', '{"a":"\\ud800"}', '{"a":"\\u0000"}',
    '{"\\u0000":1}', '["\\udfff"]', '1e999999', '-', '"', 'null', 'true', '0', '[]', '{}', '{"a":1,"a":2}', 'x'.repeat(2 * 1024 * 1024),
  ]);
}

interface JsonSchema {
  type?: string | string[];
  properties?: Record<string, JsonSchema>;
  required?: string[];
  items?: JsonSchema;
  anyOf?: JsonSchema[];
  patternProperties?: Record<string, JsonSchema>;
  enum?: unknown[];
  const?: unknown;
  minimum?: number;
  maximum?: number;
  maxItems?: number;
  maxLength?: number;
}

/** Values that fit a field by its name, so generated bodies get past validation to the code behind it. */
export interface Pools {
  ids: readonly string[];
  strings: readonly string[];
  /** Plausible values by field name (`type`, `roles`, `message`...). */
  byField: ReadonlyMap<string, readonly string[]>;
}

/** A value the schema accepts (most of the time), made from the pools. */
export function validFor(schema: JsonSchema | undefined, rng: Rng, pools: Pools, field = '', depth = 0): unknown {
  if (!schema || depth > 6) return pick(rng, pools.strings);
  if (schema.const !== undefined) return schema.const;
  if (schema.enum) return pick(rng, schema.enum);
  if (schema.anyOf) return validFor(pick(rng, schema.anyOf), rng, pools, field, depth + 1);
  const type = Array.isArray(schema.type) ? pick(rng, schema.type) : schema.type;
  switch (type) {
    case 'object': {
      const out: Record<string, unknown> = {};
      for (const [name, property] of Object.entries(schema.properties ?? {})) {
        if (schema.required?.includes(name) || chance(rng, 0.6)) out[name] = validFor(property, rng, pools, name, depth + 1);
      }
      const record = schema.patternProperties && Object.values(schema.patternProperties)[0];
      if (record) for (let i = 0; i < 3; i++) out[pick(rng, pools.strings).slice(0, 32)] = validFor(record, rng, pools, '', depth + 1);
      return out;
    }
    case 'array': {
      const length = Math.min(schema.maxItems ?? 4, Math.floor(rng() * 4));
      return Array.from({ length }, () => validFor(schema.items, rng, pools, field, depth + 1));
    }
    case 'integer':
    case 'number': {
      // Now and then the extremes the schema still admits: a bound left open lets 1e308 through to a bigint column.
      if (chance(rng, 0.3)) return pick(rng, [schema.minimum ?? -1e308, schema.maximum ?? 1e308, schema.maximum ?? 2 ** 63]);
      return Math.max(schema.minimum ?? 0, Math.min(schema.maximum ?? 1e12, pick(rng, [0, 1, 2, 60, Date.now()])));
    }
    case 'boolean': return chance(rng, 0.5);
    case 'string': {
      const known = pools.byField.get(field);
      const value = known ? pick(rng, known) : /(^|_)ids?$/.test(field) || field.endsWith('_id') ? pick(rng, pools.ids) : pick(rng, pools.strings);
      return schema.maxLength !== undefined ? value.slice(0, schema.maxLength) : value;
    }
    default: return chance(rng, 0.5) ? pick(rng, pools.strings) : { from_webhook: 'true', attachments: [{ text: 'x' }] };
  }
}

/**
 * Replaces one randomly chosen spot of a valid body with something hostile:
 * a wrong type, a missing or extra field, a prototype name as key or value.
 */
export function mutate(body: unknown, rng: Rng): unknown {
  if (typeof body !== 'object' || body === null) return hostileValue(rng);
  const containers: (Record<string, unknown> | unknown[])[] = [];
  const pending: unknown[] = [body];
  for (let next = pending.pop(); next !== undefined; next = pending.pop()) {
    if (typeof next !== 'object' || next === null) continue;
    const container = next as Record<string, unknown> | unknown[];
    containers.push(container);
    pending.push(...Object.values(container));
  }
  const target = pick(rng, containers);
  const keys = Object.keys(target);
  const strings = keys.filter((key) => typeof (target as Record<string, unknown>)[key] === 'string');
  const roll = rng();
  if (strings.length > 0 && roll < 0.3) {
    // A valid value with one bad character, so it gets past validation to the store.
    const key = pick(rng, strings);
    (target as Record<string, unknown>)[key] = `${String((target as Record<string, unknown>)[key])}${pick(rng, ['\u0000', '\ud800', '\u0001', '\udfff'])}`;
  } else if (roll < 0.4) {
    (target as Record<string, unknown>)[pick(rng, keys.length > 0 ? keys : ['props'])] = DEEP_MARKER;
  } else if (Array.isArray(target)) {
    if (roll < 0.2 || target.length === 0) target.push(hostileValue(rng));
    else target[Math.floor(rng() * target.length)] = hostileValue(rng);
  } else if (roll < 0.15 && keys.length > 0) {
    delete target[pick(rng, keys)];
  } else if (roll < 0.35 || keys.length === 0) {
    Object.defineProperty(target, pick(rng, ['__proto__', 'constructor', 'toString', 'extra', 'hasOwnProperty', pick(rng, HOSTILE_STRINGS)]), {
      value: hostileValue(rng), enumerable: true, configurable: true, writable: true,
    });
  } else {
    target[pick(rng, keys)] = hostileValue(rng);
  }
  return body;
}
