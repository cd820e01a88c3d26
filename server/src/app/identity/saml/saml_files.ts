import { X509Certificate, createPrivateKey } from 'node:crypto';
import { AppError } from '../../../model/errors.js';
import type { Actor } from '../../actor.js';
import type { ConfigService } from '../../admin/config.js';
import { requireAnySystem } from '../../admin/system_permission.js';
import type { AppDeps } from '../../deps.js';
import type { Permissions } from '../../permissions.js';

/** The three files, under the names Mattermost gives them when they are uploaded. */
export type SamlFileKind = 'idp' | 'public' | 'private';

const FILE_NAMES: Record<SamlFileKind, string> = { idp: 'saml-idp.crt', public: 'saml-public.crt', private: 'saml-private.key' };
const SETTINGS = { idp: 'IdpCertificateFile', public: 'PublicCertificateFile', private: 'PrivateKeyFile' } as const;

const READ_PERMISSIONS = ['manage_system', 'sysconsole_read_authentication_saml'];
const WRITE_PERMISSIONS = ['manage_system', 'sysconsole_write_authentication_saml'];

export interface SamlCertificateStatus {
  idp_certificate_file: boolean;
  public_certificate_file: boolean;
  private_key_file: boolean;
}

const unreadable = (kind: SamlFileKind): AppError => kind === 'idp'
  ? new AppError('api.admin.saml.failure_parse_idp_certificate.app_error', 'The IdP certificate could not be read: it must be a PEM (or base64) X.509 certificate.', 400)
  : new AppError('api.admin.add_certificate.parse.app_error', `The ${kind === 'public' ? 'certificate' : 'private key'} could not be read: it must be in PEM format.`, 400);

const noFile = (): AppError => new AppError('api.admin.remove_certificate.delete.app_error', 'An error occurred while deleting the certificate.', 404);

/** Each PEM block of a file: an IdP certificate file may hold the current and the next certificate (rollover). */
export function pemBlocks(pem: string): string[] {
  return pem.match(/-----BEGIN [A-Z ]+-----[\s\S]+?-----END [A-Z ]+-----/g) ?? [];
}

/**
 * The SAML certificates and key that the settings name by file (IdpCertificateFile, PublicCertificateFile,
 * PrivateKeyFile): uploaded, checked, stored in the database for every node, and removed, as Mattermost's console
 * does it (an upload names the file in the settings; removing the IdP certificate turns SAML off, removing the service
 * provider's certificate or key turns encryption off).
 */
export class SamlFiles {
  constructor(private readonly deps: AppDeps, private readonly permissions: Permissions, private readonly configuration: ConfigService) {}

  async status(actor: Actor): Promise<SamlCertificateStatus> {
    requireAnySystem(this.permissions, actor, READ_PERMISSIONS);
    const [idp, pub, key] = await Promise.all([this.read('idp'), this.read('public'), this.read('private')]);
    return { idp_certificate_file: idp !== undefined, public_certificate_file: pub !== undefined, private_key_file: key !== undefined };
  }

  /** Refuses callers who may not change the files (the edge asks before it reads an upload). */
  requireWrite(actor: Actor): void {
    requireAnySystem(this.permissions, actor, WRITE_PERMISSIONS);
  }

  /** Stores an uploaded file after checking it parses (a broken certificate would only fail at the next sign-in). */
  async add(actor: Actor, kind: SamlFileKind, data: Buffer): Promise<void> {
    this.requireWrite(actor);
    const pem = normalized(kind, data);
    await this.deps.store.configurationFiles.put(FILE_NAMES[kind], pem, Date.now());
    await this.configuration.patch(actor, { SamlSettings: { [SETTINGS[kind]]: FILE_NAMES[kind] } });
  }

  async remove(actor: Actor, kind: SamlFileKind): Promise<void> {
    this.requireWrite(actor);
    const name = this.settingOf(kind);
    if (!name || !(await this.deps.store.configurationFiles.remove(name))) throw noFile();
    // Without the IdP's certificate nothing can be verified; without the SP's key nothing can be decrypted.
    const off = kind === 'idp' ? { Enable: false } : { Encrypt: false };
    await this.configuration.patch(actor, { SamlSettings: { [SETTINGS[kind]]: '', ...off } });
  }

  /** The file the settings name for `kind`, if it is stored. */
  async read(kind: SamlFileKind): Promise<string | undefined> {
    const name = this.settingOf(kind);
    if (!name) return undefined;
    return (await this.deps.store.configurationFiles.get(name))?.data;
  }

  private settingOf(kind: SamlFileKind): string {
    return this.deps.liveConfig.document.SamlSettings[SETTINGS[kind]].trim();
  }
}

/** The file as PEM, or a 400: certificates may come as PEM, or as the bare base64 an IdP's metadata carries. */
function normalized(kind: SamlFileKind, data: Buffer): string {
  const text = data.toString('utf8').trim();
  try {
    if (kind === 'private') {
      return createPrivateKey(text).export({ type: 'pkcs8', format: 'pem' }).toString();
    }
    const blocks = text.includes('-----BEGIN') ? pemBlocks(text) : [Buffer.from(text.replace(/\s+/g, ''), 'base64')];
    if (blocks.length === 0) throw unreadable(kind);
    return blocks.map((block) => new X509Certificate(block).toString()).join('');
  } catch {
    throw unreadable(kind);
  }
}
