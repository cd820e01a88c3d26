import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/load.js';
import { parseListenAddress } from '../../src/metrics/listener.js';

describe('metrics listen address', () => {
  it('reads host:port, [v6]:port and Mattermost\'s :port (every interface)', () => {
    expect(parseListenAddress('127.0.0.1:8067')).toEqual({ host: '127.0.0.1', port: 8067 });
    expect(parseListenAddress('[::1]:9000')).toEqual({ host: '::1', port: 9000 });
    expect(parseListenAddress(':8067')).toEqual({ host: undefined, port: 8067 });
  });

  it('refuses an address without a port, in the config already', () => {
    expect(() => parseListenAddress('localhost')).toThrow(/metrics listen address/);
    expect(() => parseListenAddress('localhost:70000')).toThrow(/metrics listen address/);
    expect(() => loadConfig({ PARLEY_METRICS_LISTEN_ADDRESS: 'localhost' })).toThrow(/PARLEY_METRICS_LISTEN_ADDRESS/);
  });
});
