import { AppError } from '../../model/errors.js';
import type { Actor } from '../actor.js';
import type { Permissions } from '../permissions.js';
import { requireAnySystem } from './system_permission.js';

const on = (value: boolean): string => (value ? 'true' : 'false');

/**
 * What this server offers, described as upstream's license features (its GetClientLicense keys), so the official
 * web app shows the screens of the features Parley has and hides the rest. Every feature ships to everyone; there
 * is no license file, so the dates and seats are fixed and far away.
 */
const FEATURES: Record<string, boolean> = {
  LDAP: true, LDAPGroups: false, MFA: true, SAML: true, GoogleOAuth: true, Office365OAuth: true, OpenId: true,
  Cluster: true, Metrics: true, CustomPermissionsSchemes: true, Compliance: true, Announcement: true, CustomTermsOfService: true,
  MHPNS: false, Elasticsearch: false, DataRetention: false, IDLoadedPushNotifications: false, EmailNotificationContents: false,
  MessageExport: false, GuestAccounts: false, GuestAccountsPermissions: false, LockTeammateNameDisplay: false, Cloud: false,
  SharedChannels: false, RemoteClusterService: false, OutgoingOAuthConnections: false,
};

/** 2100-01-01: the web app warns about a license that expires within weeks. */
const EXPIRES_AT = Date.UTC(2100, 0, 1);

function fullClientLicense(): Record<string, string> {
  return {
    IsLicensed: 'true', IsTrial: 'false', IsGovSku: 'false', Id: 'parley', SkuName: 'Parley', SkuShortName: 'enterprise',
    // A seat count the web app never compares active users against meaningfully.
    Users: '1000000', IssuedAt: '0', StartsAt: '0', ExpiresAt: String(EXPIRES_AT), Name: 'Parley', Email: '', Company: 'Parley',
    ...Object.fromEntries(Object.entries(FEATURES).map(([name, value]) => [name, on(value)])),
  };
}

/** Fields upstream leaves out for callers who may not read license information. */
const PRIVATE_FIELDS = ['Id', 'Name', 'Email', 'IssuedAt', 'StartsAt', 'ExpiresAt', 'SkuName'];
const READ_LICENSE = ['read_license_information', 'manage_license_information', 'manage_system'];

/** The license endpoints as upstream answers them on a server that has nothing to install or trial. */
export class LicenseService {
  constructor(private readonly permissions: Permissions) {}

  /** GET /license/client?format=old: whole for admins, without the identifying fields for anyone else. */
  client(actor: Actor | undefined): Record<string, string> {
    const license = fullClientLicense();
    if (actor && READ_LICENSE.some((name) => this.permissions.hasSystem(actor, name))) return license;
    for (const field of PRIVATE_FIELDS) delete license[field];
    return license;
  }

  /** GET /trial-license/prev: there never was a trial license. */
  previousTrial(actor: Actor): Record<string, string> {
    requireAnySystem(this.permissions, actor, READ_LICENSE);
    return { IsLicensed: 'false' };
  }

  /** POST /trial-license: nothing to start, every feature is already on. */
  requestTrial(actor: Actor): never {
    requireAnySystem(this.permissions, actor, ['manage_license_information', 'manage_system']);
    throw new AppError('api.license.request-trial.can-start-trial.not-allowed', 'There is no trial to start: every Parley feature is already available.', 400);
  }

  /** GET /upgrade_to_enterprise/allowed: upstream's answer on a server its in-place upgrader does not support. */
  upgradeToEnterpriseAllowed(actor: Actor): never {
    requireAnySystem(this.permissions, actor, ['manage_system']);
    throw new AppError('api.upgrade_to_enterprise.system_not_supported.app_error', 'Parley cannot be upgraded in place to another edition.', 403);
  }
}
