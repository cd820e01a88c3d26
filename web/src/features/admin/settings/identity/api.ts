import type { LdapSettings } from '@mattermost/types/config';
import type { Job } from '@mattermost/types/jobs';
import type { SamlCertificateStatus, SamlMetadataResponse } from '@mattermost/types/saml';
import { client } from '../../../../api/client';

/**
 * The console's calls for sign-in methods. `doFetch` is protected in Client4's types but an instance field at
 * run time; going through it keeps auth, CSRF and the session-expiry hook of every other call.
 */
interface Fetching { doFetch: <T>(url: string, options: { method: string; body?: string | FormData; headers?: Record<string, string> }) => Promise<T> }
const fetching = client as unknown as Fetching;
const base = (): string => client.getBaseRoute();

/** POST /ldap/test_connection (newer Mattermost's "Test Connection") with the unsaved LdapSettings, so a setting can be tried before it is saved. */
export function testLdap(settings: LdapSettings | undefined): Promise<unknown> {
  return client.testLdapConnection(settings ?? ({} as LdapSettings));
}

export function syncLdap(): Promise<unknown> {
  return fetching.doFetch(`${base()}/ldap/sync`, { method: 'post' });
}

/** The newest ldap_sync job (GET /jobs/type/ldap_sync lists newest first), or null. */
export async function latestLdapSync(): Promise<Job | null> {
  const jobs = await client.getJobsByType('ldap_sync', 0, 1);
  return jobs[0] ?? null;
}

export function samlMetadataFromIdp(url: string): Promise<SamlMetadataResponse> {
  return client.getSamlMetadataFromIdp(url);
}

export type SamlCertificateKind = 'idp' | 'public' | 'private';

export function samlCertificateStatus(): Promise<SamlCertificateStatus> {
  return client.getSamlCertificateStatus();
}

/** POST /saml/certificate/{kind}, multipart field `certificate` (as Client4's upload*SamlCertificate). */
export function uploadSamlCertificate(kind: SamlCertificateKind, file: Blob, name: string): Promise<unknown> {
  const form = new FormData();
  form.append('certificate', file, name);
  return fetching.doFetch(`${base()}/saml/certificate/${kind}`, { method: 'post', body: form });
}

export function deleteSamlCertificate(kind: SamlCertificateKind): Promise<unknown> {
  return fetching.doFetch(`${base()}/saml/certificate/${kind}`, { method: 'delete' });
}

export type SsoService = 'gitlab' | 'google' | 'office365' | 'openid';

/** Parley's POST /sso/{service}/test with the unsaved section: {status: "OK"} or the provider's error. */
export function testSso(service: SsoService, settings: unknown): Promise<unknown> {
  return fetching.doFetch(`${base()}/sso/${service}/test`, { method: 'post', body: JSON.stringify(settings ?? {}) });
}
