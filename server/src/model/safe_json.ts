/**
 * JSON from the network, made safe for everything downstream in one pass:
 * bounded nesting (so no recursive code — validation, sanitising,
 * JSON.stringify — can overflow the stack), no U+0000 (PostgreSQL cannot
 * store it, so SQLite and PostgreSQL would answer differently), no
 * `__proto__` keys (assigning one replaces an object's prototype), and lone
 * UTF-16 surrogates replaced by U+FFFD, as Go's JSON decoder (Mattermost)
 * does and as PostgreSQL would store them anyway.
 */

/** Far deeper than any Mattermost client sends (post props nest two or three levels). */
export const MAX_JSON_DEPTH = 64;

export class UnsafeJsonError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UnsafeJsonError';
  }
}

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;
const HAS_LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;


/** The string with each unpaired surrogate replaced by U+FFFD (the string itself when it has none). */
export function wellFormed(value: string): string {
  return HAS_LONE_SURROGATE.test(value) ? value.replace(LONE_SURROGATE, '\uFFFD') : value;
}

/** Parses network JSON; throws SyntaxError for bad JSON and UnsafeJsonError for the problems above. */
export function parseUntrustedJson(text: string, maxDepth = MAX_JSON_DEPTH): unknown {
  // V8's JSON.parse does not recurse, so even absurd nesting is parsed before it is refused here.
  const value: unknown = JSON.parse(text);
  return typeof value === 'string' ? cleanString(value) : sanitizeTree(value, maxDepth);
}

/**
 * Checks and repairs a freshly parsed value in place, without recursion:
 * an explicit stack of the containers still to visit, each with its depth.
 */
export function sanitizeTree(root: unknown, maxDepth = MAX_JSON_DEPTH): unknown {
  if (typeof root !== 'object' || root === null) return root;
  const pending: { container: object; depth: number }[] = [{ container: root, depth: 1 }];
  if (maxDepth < 1) throw new UnsafeJsonError(`JSON nested deeper than ${maxDepth} levels`);
  for (let next = pending.pop(); next !== undefined; next = pending.pop()) {
    const { container, depth } = next;
    const visit = (child: unknown): unknown => {
      if (typeof child === 'string') return cleanString(child);
      if (typeof child === 'object' && child !== null) {
        if (depth + 1 > maxDepth) throw new UnsafeJsonError(`JSON nested deeper than ${maxDepth} levels`);
        pending.push({ container: child, depth: depth + 1 });
      }
      return child;
    };
    if (Array.isArray(container)) {
      for (let i = 0; i < container.length; i++) container[i] = visit(container[i]);
      continue;
    }
    const record = container as Record<string, unknown>;
    for (const key of Object.keys(record)) {
      if (key === '__proto__') throw new UnsafeJsonError('JSON object key "__proto__" is not allowed');
      const child = visit(record[key]);
      const cleanKey = cleanString(key);
      if (cleanKey !== key) delete record[key];
      record[cleanKey] = child;
    }
  }
  return root;
}

function cleanString(value: string): string {
  if (value.includes('\u0000')) throw new UnsafeJsonError('JSON strings may not contain U+0000');
  return wellFormed(value);
}
