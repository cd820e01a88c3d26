import { describe, expect, it } from 'vitest';
import { parseRoute } from '../src/router/routes';

describe('URLs', () => {
  it('understands the Mattermost URL shapes', () => {
    expect(parseRoute('/')).toEqual({ name: 'root' });
    expect(parseRoute('/login')).toEqual({ name: 'login' });
    expect(parseRoute('/signup_user_complete')).toEqual({ name: 'signup' });
    expect(parseRoute('/reset_password')).toEqual({ name: 'resetPassword' });
    expect(parseRoute('/reset_password_complete')).toEqual({ name: 'resetPasswordComplete' });
    expect(parseRoute('/acme')).toEqual({ name: 'team', team: 'acme' });
    expect(parseRoute('/acme/channels/town-square')).toEqual({ name: 'channel', team: 'acme', channel: 'town-square' });
    expect(parseRoute('/acme/messages/@ana')).toEqual({ name: 'dm', team: 'acme', username: 'ana' });
    expect(parseRoute('/acme/messages/4f1c0ffee')).toEqual({ name: 'gm', team: 'acme', channel: '4f1c0ffee' });
    expect(parseRoute('/acme/pl/abc123')).toEqual({ name: 'permalink', team: 'acme', postId: 'abc123' });
    expect(parseRoute('/acme/threads')).toEqual({ name: 'threads', team: 'acme', threadId: '' });
    expect(parseRoute('/acme/threads/xyz')).toEqual({ name: 'threads', team: 'acme', threadId: 'xyz' });
  });

  it('survives malformed escapes', () => {
    expect(parseRoute('/acme/channels/%E0%A4%A')).toEqual({ name: 'channel', team: 'acme', channel: '%E0%A4%A' });
  });
});
