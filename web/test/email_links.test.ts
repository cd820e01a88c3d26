import { describe, expect, it } from 'vitest';
import { checkEmailPath, signupLinkFromUrl } from '../src/features/auth/account';
import { parseAddresses } from '../src/features/teams/InviteByEmailDialog';
import { parseRoute } from '../src/router/routes';

describe('email links', () => {
  it('routes the verification pages by their Mattermost paths', () => {
    expect(parseRoute('/do_verify_email')).toEqual({ name: 'verifyEmail' });
    expect(parseRoute('/should_verify_email')).toEqual({ name: 'checkEmail' });
    expect(checkEmailPath('a+b@example.com')).toBe('/should_verify_email?email=a%2Bb%40example.com');
  });

  it('reads an invitation link: the token, and the team named in d', () => {
    const d = encodeURIComponent(JSON.stringify({ display_name: 'Acme & Co', name: 'acme' }));
    expect(signupLinkFromUrl(`?d=${d}&t=abc_DEF-123`)).toEqual({ token: 'abc_DEF-123', inviteId: '', team: { displayName: 'Acme & Co', name: 'acme' } });
    expect(signupLinkFromUrl('?id=inviteid')).toEqual({ token: '', inviteId: 'inviteid' });
    // A d that is not JSON, or names no team, is ignored (the token alone decides the team).
    expect(signupLinkFromUrl('?d=%7Bbroken&t=tok')).toEqual({ token: 'tok', inviteId: '' });
    expect(signupLinkFromUrl('?d=%5B1%5D&t=tok')).toEqual({ token: 'tok', inviteId: '' });
  });

  it('splits the invite field on commas, semicolons and white space, once per address', () => {
    expect(parseAddresses(' a@example.com, b@example.com;c@example.com\nd@example.com  a@example.com ,, ')).toEqual([
      'a@example.com', 'b@example.com', 'c@example.com', 'd@example.com',
    ]);
    expect(parseAddresses('  ')).toEqual([]);
  });
});
