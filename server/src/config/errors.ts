/** A setting that cannot be used; `path` names it in the config document when known. */
export class ConfigError extends Error {
  constructor(message: string, readonly path = '') {
    super(message);
    this.name = 'ConfigError';
  }
}
