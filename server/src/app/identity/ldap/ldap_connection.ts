import { isIP } from 'node:net';
import { Client, FilterParser, InvalidCredentialsError, ResultCodeError, type Entry, type SearchOptions } from 'ldapts';
import { ldapRequestDuration } from '../../../metrics/registry.js';
import { AppError } from '../../../model/errors.js';
import type { LdapSettings } from './ldap_settings.js';

/**
 * Status of the errors that say the directory could not be used. Mattermost answers 500; here it is 503 when the
 * server's own saved settings or the directory are at fault during a sign-in or sync (nothing the caller did, and
 * it may pass), and 400 when an administrator tests settings (the settings tested are the problem, as for the
 * email test).
 */
export type FailureStatus = 400 | 503;

export const unableToConnect = (status: FailureStatus, why: string): AppError =>
  new AppError('ent.ldap.do_login.unable_to_connect.app_error', `Unable to connect to AD/LDAP server: ${why}`, status);

const bindAdminFailed = (status: FailureStatus, why: string): AppError =>
  new AppError('ent.ldap.do_login.bind_admin_user.app_error', `Unable to bind to AD/LDAP server. Check BindUsername and BindPassword: ${why}`, status);

const searchFailed = (status: FailureStatus, why: string): AppError =>
  new AppError('ent.ldap.do_login.search_ldap_server.app_error', `Failed to search AD/LDAP server: ${why}`, status);

const invalidFilter = (status: FailureStatus, filter: string): AppError =>
  new AppError('ent.ldap.validate_filter.app_error', `Invalid AD/LDAP filter: ${filter}`, status);

type Result = 'ok' | 'rejected' | 'error';

/** Times `work` in parley_ldap_requests_seconds; `rejected` is a wrong password, not a failure of the directory. */
export async function timed<T>(operation: 'bind' | 'search' | 'sync', work: () => Promise<T>): Promise<T> {
  const stop = ldapRequestDuration.startTimer({ operation });
  let result: Result = 'error';
  try {
    const value = await work();
    result = 'ok';
    return value;
  } catch (err) {
    if (err instanceof InvalidCredentialsError) result = 'rejected';
    throw err;
  } finally {
    stop({ result });
  }
}

/** `filter` with its parentheses (settings are often typed without them); '' stays ''. */
export function wrapFilter(filter: string): string {
  const trimmed = filter.trim();
  if (trimmed === '') return '';
  return trimmed.startsWith('(') ? trimmed : `(${trimmed})`;
}

/** The conjunction of filters (empty ones left out), checked to parse: a bad one from the settings is reported, not sent. */
export function andFilters(status: FailureStatus, ...filters: string[]): string {
  const parts = filters.map(wrapFilter).filter((f) => f !== '');
  const combined = parts.length === 1 ? parts[0] : `(&${parts.join('')})`;
  // ldapts' parser accepts some unbalanced filters (`(a=`); values escape parentheses (\28, \29), so any left are syntax.
  if (!balanced(combined)) throw invalidFilter(status, combined);
  try {
    FilterParser.parseString(combined);
  } catch {
    throw invalidFilter(status, combined);
  }
  return combined;
}

function balanced(filter: string): boolean {
  let depth = 0;
  for (let i = 0; i < filter.length; i++) {
    if (filter[i] === '(') depth += 1;
    else if (filter[i] === ')') depth -= 1;
    if (depth < 0 || (depth === 0 && i < filter.length - 1)) return false;
  }
  return depth === 0;
}

const describe = (err: unknown): string => (err instanceof Error ? err.message || err.name : String(err));

/** One connection to the directory, bound as the service account; close() always. */
export class LdapConnection {
  private constructor(private readonly client: Client, private readonly settings: LdapSettings, private readonly status: FailureStatus) {}

  /** Connects (LDAPS, or STARTTLS when asked) and binds with BindUsername/BindPassword (anonymously when unset). */
  static async open(settings: LdapSettings, status: FailureStatus): Promise<LdapConnection> {
    // SNI takes host names only (RFC 6066); the certificate is checked against the address either way.
    const tlsOptions = { rejectUnauthorized: !settings.skipCertificateVerification, servername: isIP(settings.server) ? undefined : settings.server };
    const host = settings.server.includes(':') ? `[${settings.server}]` : settings.server;
    const client = new Client({
      url: `${settings.security === 'TLS' ? 'ldaps' : 'ldap'}://${host}:${settings.port}`,
      // ldapts speaks TLS from the start whenever it is given TLS options, so only LDAPS gets them here.
      timeout: settings.timeoutMs, connectTimeout: settings.timeoutMs, tlsOptions: settings.security === 'TLS' ? tlsOptions : undefined, strictDN: false,
    });
    const connection = new LdapConnection(client, settings, status);
    try {
      if (settings.security === 'STARTTLS') await client.startTLS(tlsOptions);
      await timed('bind', () => client.bind(settings.bindUsername, settings.bindPassword));
    } catch (err) {
      await connection.close();
      if (err instanceof ResultCodeError) throw bindAdminFailed(status, describe(err));
      throw unableToConnect(status, describe(err));
    }
    return connection;
  }

  /** Entries under BaseDN matching `filter`, with these attributes; at most `sizeLimit` (0: all, paged when MaxPageSize says). */
  async search(filter: string, attributes: string[], sizeLimit = 0): Promise<Entry[]> {
    const options: SearchOptions = { scope: 'sub', filter, attributes, sizeLimit, timeLimit: Math.ceil(this.settings.timeoutMs / 1000) };
    if (sizeLimit === 0 && this.settings.maxPageSize > 0) options.paged = { pageSize: this.settings.maxPageSize };
    try {
      const { searchEntries } = await timed('search', () => this.client.search(this.settings.baseDN, options));
      return searchEntries;
    } catch (err) {
      throw this.failure(err);
    }
  }

  /** Pages of entries under BaseDN matching `filter` (MaxPageSize each; one page when it is 0). */
  async *pages(filter: string, attributes: string[]): AsyncGenerator<Entry[]> {
    const timeLimit = Math.ceil(this.settings.timeoutMs / 1000);
    if (this.settings.maxPageSize === 0) {
      yield await this.search(filter, attributes);
      return;
    }
    const pages = this.client.searchPaginated(this.settings.baseDN, { scope: 'sub', filter, attributes, timeLimit, paged: { pageSize: this.settings.maxPageSize } });
    for (;;) {
      let next: IteratorResult<{ searchEntries: Entry[] }>;
      try {
        next = await timed('search', () => pages.next());
      } catch (err) {
        throw this.failure(err);
      }
      if (next.done) return;
      yield next.value.searchEntries;
    }
  }

  /** Whether the entry at `dn` matches `filter` (a base search as the service account). */
  async matches(dn: string, filter: string): Promise<boolean> {
    try {
      const { searchEntries } = await timed('search', () => this.client.search(dn, { scope: 'base', filter, attributes: ['1.1'], sizeLimit: 1 }));
      return searchEntries.length > 0;
    } catch (err) {
      throw this.failure(err);
    }
  }

  /**
   * Binds as `dn` with `password`: false for wrong credentials. The connection is then that person's, so this comes
   * last. An empty password is refused here too: it would be an unauthenticated bind, which many servers accept.
   */
  async bindAs(dn: string, password: string): Promise<boolean> {
    if (password === '') return false;
    try {
      await timed('bind', () => this.client.bind(dn, password));
      return true;
    } catch (err) {
      if (err instanceof InvalidCredentialsError) return false;
      throw err instanceof ResultCodeError ? searchFailed(this.status, describe(err)) : unableToConnect(this.status, describe(err));
    }
  }

  async close(): Promise<void> {
    await this.client.unbind().catch(() => undefined);
  }

  private failure(err: unknown): AppError {
    return err instanceof ResultCodeError ? searchFailed(this.status, describe(err)) : unableToConnect(this.status, describe(err));
  }
}
