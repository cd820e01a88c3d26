import type { Actor } from '../../actor.js';
import type { AtRestKey } from '../../admin/at_rest_key.js';
import type { ConfigService } from '../../admin/config.js';
import { requireAnySystem } from '../../admin/system_permission.js';
import type { AppDeps } from '../../deps.js';
import type { Permissions } from '../../permissions.js';
import type { ExternalAccounts } from '../external_accounts.js';
import { fetchIdpMetadata, type SamlMetadataResponse } from './saml_idp_metadata.js';
import { SamlFiles } from './saml_files.js';
import { SamlLogin } from './saml_login.js';
import { loadSetup, spMetadata } from './saml_setup.js';

/** Who may configure SAML: the console's SAML page (or manage_system, which includes it). */
const WRITE_PERMISSIONS = ['manage_system', 'sysconsole_write_authentication_saml'];

/** SAML 2.0 single sign-on: the sign-in flow, the SP metadata, the IdP metadata look-up and the certificate files. */
export class SamlService {
  readonly files: SamlFiles;
  readonly login: SamlLogin;

  constructor(private readonly deps: AppDeps, private readonly permissions: Permissions, configuration: ConfigService,
    accounts: ExternalAccounts, atRestKey: AtRestKey) {
    this.files = new SamlFiles(deps, permissions, configuration);
    this.login = new SamlLogin(deps, this.files, accounts, atRestKey);
  }

  /** The SP metadata XML; anonymous, as in Mattermost, since the IdP's administrator needs it to set up the trust. */
  async metadata(requestOrigin: string): Promise<string> {
    return spMetadata(await loadSetup(this.deps, this.files, requestOrigin, false));
  }

  /** The console's "Get SAML Metadata from IdP". */
  async metadataFromIdp(actor: Actor, url: string): Promise<SamlMetadataResponse> {
    requireAnySystem(this.permissions, actor, WRITE_PERMISSIONS);
    return fetchIdpMetadata(url);
  }
}
