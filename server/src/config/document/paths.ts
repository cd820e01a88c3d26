/** A JSON object: the config document and every section of it. */
export type JsonObject = { [key: string]: unknown };

export const isObject = (value: unknown): value is JsonObject =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** The value at a dotted path ('ServiceSettings.SiteURL'), or undefined. */
export function getPath(doc: JsonObject, path: string): unknown {
  let node: unknown = doc;
  for (const key of path.split('.')) {
    if (!isObject(node) || !Object.hasOwn(node, key)) return undefined;
    node = node[key];
  }
  return node;
}

/** Sets a dotted path, creating the sections on the way. */
export function setPath(doc: JsonObject, path: string, value: unknown): void {
  const keys = path.split('.');
  let node = doc;
  for (const key of keys.slice(0, -1)) {
    if (!isObject(node[key])) node[key] = {};
    node = node[key] as JsonObject;
  }
  node[keys[keys.length - 1]] = value;
}

export function deletePath(doc: JsonObject, path: string): void {
  const keys = path.split('.');
  const parent = getPath(doc, keys.slice(0, -1).join('.'));
  if (keys.length === 1) delete doc[keys[0]];
  else if (isObject(parent)) delete parent[keys[keys.length - 1]];
}

/**
 * `over` laid on `base`: objects merge key by key, anything else (arrays
 * included) replaces. Neither input is changed.
 */
export function mergeDocuments<T extends JsonObject>(base: T, over: JsonObject): T {
  const out: JsonObject = { ...base };
  for (const [key, value] of Object.entries(over)) {
    out[key] = isObject(value) && isObject(out[key]) ? mergeDocuments(out[key] as JsonObject, value) : structuredClone(value);
  }
  return out as T;
}

/**
 * The settings are the leaves of the document: a path ends where the
 * reference document (the defaults) stops nesting, so a map-valued setting
 * such as PluginSettings.Plugins is one leaf. Paths only in `doc` are leaves
 * where `doc` stops nesting.
 */
export function leafPaths(doc: JsonObject, reference: JsonObject = {}, prefix = ''): string[] {
  const paths: string[] = [];
  for (const [key, value] of Object.entries(doc)) {
    const path = prefix ? `${prefix}.${key}` : key;
    const ref = reference[key];
    const nests = isObject(value) && (isObject(ref) ? Object.keys(ref).length > 0 : ref === undefined && Object.keys(value).length > 0);
    if (nests) paths.push(...leafPaths(value as JsonObject, isObject(ref) ? ref : {}, path));
    else paths.push(path);
  }
  return paths;
}

/** The leaves of `doc` that differ from `reference` (what an admin changed from the defaults). */
export function documentDiff(doc: JsonObject, reference: JsonObject): JsonObject {
  const diff: JsonObject = {};
  for (const path of leafPaths(doc, reference)) {
    const value = getPath(doc, path);
    if (JSON.stringify(value) !== JSON.stringify(getPath(reference, path))) setPath(diff, path, structuredClone(value));
  }
  return diff;
}
