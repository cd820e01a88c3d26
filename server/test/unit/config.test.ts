import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError } from '../../src/config/errors.js';
import { loadConfig } from '../../src/config/load.js';

const tempDir = (): string => mkdtempSync(path.join(os.tmpdir(), 'parley-config-'));

describe('configuration', () => {
  it('uses the documented defaults', () => {
    const config = loadConfig({ PARLEY_DATA_DIR: tempDir() });
    expect(config.port).toBe(8065);
    expect(config.databaseUrl).toBe('');
    expect(config.maxPostSize).toBe(16383);
  });

  it('layers defaults < file < environment', () => {
    const dir = tempDir();
    writeFileSync(path.join(dir, 'config.json'), JSON.stringify({ port: 9000, siteName: 'From file' }));
    const fromFile = loadConfig({ PARLEY_DATA_DIR: dir });
    expect(fromFile.port).toBe(9000);
    expect(fromFile.siteName).toBe('From file');
    const fromEnv = loadConfig({ PARLEY_DATA_DIR: dir, PARLEY_PORT: '9100', PARLEY_ENABLE_OPEN_SERVER: 'false' });
    expect(fromEnv.port).toBe(9100);
    expect(fromEnv.siteName).toBe('From file');
    expect(fromEnv.enableOpenServer).toBe(false);
  });

  it('names the bad environment variable', () => {
    expect(() => loadConfig({ PARLEY_DATA_DIR: tempDir(), PARLEY_PORT: 'eighty' })).toThrow(/PARLEY_PORT/);
    expect(() => loadConfig({ PARLEY_DATA_DIR: tempDir(), PARLEY_PORT: '70000' })).toThrow(ConfigError);
  });

  it('rejects unknown keys and invalid JSON in the file', () => {
    const dir = tempDir();
    writeFileSync(path.join(dir, 'config.json'), JSON.stringify({ prot: 1 }));
    expect(() => loadConfig({ PARLEY_DATA_DIR: dir })).toThrow(/unknown key "prot"/);
    writeFileSync(path.join(dir, 'config.json'), '{nope');
    expect(() => loadConfig({ PARLEY_DATA_DIR: dir })).toThrow(/not valid JSON/);
  });
});
