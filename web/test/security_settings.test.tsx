import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { act } from 'react';
import { createRoot, type Root } from 'react-dom/client';
import { IntlProvider } from 'react-intl';
import type { UserProfile } from '@mattermost/types/users';
import { en } from '../src/i18n/en';
import { client } from '../src/api/client';
import { initialState, setState } from '../src/store/store';
import { AccountSettings } from '../src/features/settings/AccountSettings';

(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

const user = (authService: string, mfaActive = false) =>
  ({ id: 'me', username: 'nina', email: 'nina@example.com', roles: 'system_user', auth_service: authService, mfa_active: mfaActive, locale: 'en' }) as unknown as UserProfile;

describe('Settings > Account: sign-in method, password and MFA', () => {
  let root: Root;
  let host: HTMLDivElement;

  const render = async (me: UserProfile, config: Record<string, string>): Promise<void> => {
    setState({ ...initialState, me, users: { me }, config });
    await act(async () => {
      root.render(<IntlProvider locale="en" messages={en}><AccountSettings /></IntlProvider>);
    });
  };
  const section = (name: string): Element | null => host.querySelector(`section[aria-label="${name}"]`);
  const buttons = (): string[] => [...host.querySelectorAll('button')].map((b) => b.textContent ?? '');

  beforeEach(() => {
    // The access-token section asks for the user's roles; none here, so it stays hidden.
    vi.spyOn(client, 'getRolesByNames').mockResolvedValue([]);
    host = document.createElement('div');
    document.body.append(host);
    root = createRoot(host);
  });

  afterEach(() => {
    act(() => root.unmount());
    host.remove();
    vi.restoreAllMocks();
  });

  it('a password account sees its method, the password form and Add MFA when the server offers MFA', async () => {
    await render(user(''), { EnableMultifactorAuthentication: 'true' });
    expect(section('Security')?.textContent).toContain('Email and Password');
    expect(host.textContent).toContain('Current password');
    expect(buttons()).toContain('Add MFA to account');
  });

  it('an SSO account has no password form and no MFA here (its provider handles both)', async () => {
    await render(user('saml'), { EnableMultifactorAuthentication: 'true' });
    expect(section('Security')?.textContent).toContain('SAML');
    expect(host.textContent).not.toContain('Current password');
    expect(host.textContent).toContain('Your password is managed by SAML');
    expect(section('Multi-factor Authentication')).toBeNull();
  });

  it('an AD/LDAP account keeps MFA; removal is hidden while the server enforces it', async () => {
    await render(user('ldap', true), { EnableMultifactorAuthentication: 'true', EnforceMultifactorAuthentication: 'true' });
    expect(section('Security')?.textContent).toContain('AD/LDAP');
    expect(host.textContent).not.toContain('Current password');
    expect(section('Multi-factor Authentication')?.textContent).toContain('This server requires MFA');
    expect(buttons()).not.toContain('Remove MFA from account');
  });

  it('without MFA on the server there is no MFA section', async () => {
    await render(user(''), { EnableMultifactorAuthentication: 'false' });
    expect(section('Multi-factor Authentication')).toBeNull();
  });
});
