import { SAML, ValidateInResponseTo, generateServiceProviderMetadata, type CacheProvider, type SamlConfig, type SignatureAlgorithm } from '@node-saml/node-saml';
import { AppError } from '../../../model/errors.js';
import type { AppDeps } from '../../deps.js';
import { pemBlocks, type SamlFiles } from './saml_files.js';

/** How long an AuthnRequest may wait for its answer. */
export const REQUEST_TTL_MS = 10 * 60_000;
/** An assertion is accepted at most this long after it was issued, whatever its NotOnOrAfter says (so replay ids need keeping only this long). */
export const ASSERTION_MAX_AGE_MS = 10 * 60_000;
/** Clocks of the IdP and the server may differ this much. */
export const CLOCK_SKEW_MS = 60_000;

const ALGORITHMS: Record<string, SignatureAlgorithm> = { RSAwithSHA1: 'sha1', RSAwithSHA256: 'sha256', RSAwithSHA512: 'sha512' };
const NAME_ID_UNSPECIFIED = 'urn:oasis:names:tc:SAML:1.1:nameid-format:unspecified';

export const samlNotAvailable = (): AppError =>
  new AppError('api.admin.saml.not_available.app_error', 'SAML 2.0 is not configured or supported on this server.', 501);

const notConfigured = (what: string): AppError =>
  new AppError('ent.saml.configure.app_error', `SAML is not configured: ${what}.`, 501);

/** What one SAML exchange needs, read from the live settings and the stored files at that moment. */
export interface SamlSetup {
  spEntityId: string;
  acsUrl: string;
  idpUrl: string;
  /** The IdP's entity id (IdpDescriptorURL): when set, assertions must be issued by it. */
  idpEntityId: string;
  /** Every certificate the IdP may sign with (a file may hold two during a rollover). */
  idpCerts: string[];
  /** The SP's certificate and key, when both are configured. */
  spCert?: string;
  spKey?: string;
  encrypt: boolean;
  signRequest: boolean;
  /** Whether the response's destination must be this server's ACS (SamlSettings.Verify). */
  verify: boolean;
  signatureAlgorithm: SignatureAlgorithm;
}

/** Where this server's ACS is: AssertionConsumerServiceURL, else {SiteURL}/login/sso/saml, else the address asked. */
export function acsUrlOf(deps: AppDeps, requestOrigin: string): string {
  const settings = deps.liveConfig.document.SamlSettings;
  const site = deps.liveConfig.document.ServiceSettings.SiteURL.replace(/\/+$/, '') || requestOrigin;
  return settings.AssertionConsumerServiceURL.trim() || `${site}/login/sso/saml`;
}

/**
 * The settings as one SAML exchange uses them. `requireIdp` (sign-in) insists on SAML being enabled with an IdP and
 * its certificate; the SP metadata needs only the SP's side.
 */
export async function loadSetup(deps: AppDeps, files: SamlFiles, requestOrigin: string, requireIdp: boolean): Promise<SamlSetup> {
  const settings = deps.liveConfig.document.SamlSettings;
  if (requireIdp && !settings.Enable) throw samlNotAvailable();
  const acsUrl = acsUrlOf(deps, requestOrigin);
  const [idpPem, spCert, spKey] = await Promise.all([files.read('idp'), files.read('public'), files.read('private')]);
  const idpCerts = pemBlocks(idpPem ?? '');
  if (requireIdp && !settings.IdpURL.trim()) throw notConfigured('no IdP URL (SamlSettings.IdpURL)');
  if (requireIdp && idpCerts.length === 0) throw notConfigured('no IdP certificate (SamlSettings.IdpCertificateFile)');
  const needsKey = settings.Encrypt || settings.SignRequest;
  if (requireIdp && needsKey && (!spCert || !spKey)) throw notConfigured('encryption or request signing needs the service provider certificate and private key');
  return {
    spEntityId: settings.ServiceProviderIdentifier.trim() || acsUrl,
    acsUrl,
    idpUrl: settings.IdpURL.trim(),
    idpEntityId: settings.IdpDescriptorURL.trim(),
    idpCerts,
    spCert: spCert && spKey ? spCert : undefined,
    spKey: spCert && spKey ? spKey : undefined,
    encrypt: settings.Encrypt,
    signRequest: settings.SignRequest,
    verify: settings.Verify,
    signatureAlgorithm: ALGORITHMS[settings.SignatureAlgorithm] ?? 'sha256',
  };
}

/**
 * A node-saml service provider for one exchange. Signatures are always checked against the IdP's certificates:
 * the response or its assertion must carry a valid one (node-saml refuses one with neither). `cache` answers
 * node-saml's InResponseTo questions from the request this exchange started (see saml_login.ts), not from memory.
 */
export function serviceProvider(setup: SamlSetup, options: { requestId?: string; cache?: CacheProvider }): SAML {
  const config: SamlConfig = {
    issuer: setup.spEntityId,
    callbackUrl: setup.acsUrl,
    entryPoint: setup.idpUrl || undefined,
    idpCert: setup.idpCerts,
    audience: setup.spEntityId,
    identifierFormat: NAME_ID_UNSPECIFIED,
    wantAssertionsSigned: false,
    wantAuthnResponseSigned: false,
    acceptedClockSkewMs: CLOCK_SKEW_MS,
    maxAssertionAgeMs: ASSERTION_MAX_AGE_MS,
    validateInResponseTo: ValidateInResponseTo.always,
    requestIdExpirationPeriodMs: REQUEST_TTL_MS,
    disableRequestedAuthnContext: true,
    signatureAlgorithm: setup.signatureAlgorithm,
    digestAlgorithm: setup.signatureAlgorithm,
    ...(setup.signRequest && setup.spKey ? { privateKey: setup.spKey } : {}),
    ...(setup.encrypt && setup.spKey ? { decryptionPvk: setup.spKey } : {}),
    ...(options.requestId ? { generateUniqueId: () => options.requestId as string } : {}),
    ...(options.cache ? { cacheProvider: options.cache } : {}),
  };
  return new SAML(config);
}

/**
 * This server's SP metadata (Mattermost's GET /saml/metadata). It asks for signed assertions, as Mattermost's does
 * (an assertion signed inside a signed or unsigned response is what most IdPs send); a response signed as a whole is
 * accepted too.
 */
export function spMetadata(setup: SamlSetup): string {
  const cert = setup.spCert ? pemBlocks(setup.spCert)[0] : undefined;
  const decrypts = setup.encrypt && cert && setup.spKey;
  const signs = setup.signRequest && cert && setup.spKey;
  return generateServiceProviderMetadata({
    issuer: setup.spEntityId,
    callbackUrl: setup.acsUrl,
    identifierFormat: NAME_ID_UNSPECIFIED,
    wantAssertionsSigned: true,
    signatureAlgorithm: setup.signatureAlgorithm,
    ...(decrypts ? { decryptionPvk: setup.spKey, decryptionCert: cert } : {}),
    ...(signs ? { privateKey: setup.spKey, publicCerts: cert } : {}),
  });
}
