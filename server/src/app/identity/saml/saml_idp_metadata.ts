import { parseXml2JsFromString } from '@node-saml/node-saml/lib/xml.js';
import { AppError } from '../../../model/errors.js';

/** Mattermost's SamlMetadataResponse: what the console fills its IdP fields with. */
export interface SamlMetadataResponse {
  idp_url: string;
  idp_descriptor_url: string;
  idp_public_certificate: string;
}

const FETCH_TIMEOUT_MS = 10_000;
const MAX_METADATA_BYTES = 1024 * 1024;
const REDIRECT_BINDING = 'urn:oasis:names:tc:SAML:2.0:bindings:HTTP-Redirect';

const badResponse = (detail: string): AppError =>
  new AppError('app.admin.saml.invalid_response_from_idp.app_error', `Could not read the identity provider's metadata: ${detail}.`, 400);
const undecodable = (): AppError =>
  new AppError('app.admin.saml.failure_decode_metadata_xml_from_idp.app_error', "The identity provider's metadata is not valid SAML metadata XML.", 400);
const missingDescriptor = (): AppError =>
  new AppError('api.admin.saml.invalid_xml_missing_idpssodescriptors.app_error', 'The metadata has no IDPSSODescriptor.', 400);
const missingSso = (): AppError =>
  new AppError('api.admin.saml.invalid_xml_missing_ssoservices.app_error', 'The metadata has no SingleSignOnService.', 400);
const missingKey = (): AppError =>
  new AppError('api.admin.saml.invalid_xml_missing_keydescriptor.app_error', 'The metadata has no KeyDescriptor with a certificate.', 400);

/**
 * Fetches an IdP's metadata (the console's "Get SAML Metadata from IdP"). The address comes from a system admin
 * configuring the server, and IdPs are often on the internal network, so this is a plain fetch with a timeout and a
 * size cap, not the outbound client that keeps users' links off internal addresses.
 */
export async function fetchIdpMetadata(url: string): Promise<SamlMetadataResponse> {
  const address = /^https?:\/\//i.test(url) ? url : `https://${url}`;
  let text: string;
  try {
    const response = await fetch(address, { signal: AbortSignal.timeout(FETCH_TIMEOUT_MS), redirect: 'follow' });
    if (response.status !== 200) throw badResponse(`status ${response.status}`);
    const declared = Number(response.headers.get('content-length') ?? 0);
    if (declared > MAX_METADATA_BYTES) throw badResponse('it is too large');
    const body = Buffer.from(await response.arrayBuffer());
    if (body.length > MAX_METADATA_BYTES) throw badResponse('it is too large');
    text = body.toString('utf8');
  } catch (err) {
    if (err instanceof AppError) throw err;
    throw badResponse(err instanceof Error ? err.message : 'the request failed');
  }
  return idpMetadataOf(text);
}

type Node = Record<string, unknown>;
const list = (node: unknown, name: string): Node[] => {
  const value = node && typeof node === 'object' ? (node as Node)[name] : undefined;
  return Array.isArray(value) ? value.filter((item): item is Node => !!item && typeof item === 'object') : [];
};
const attr = (node: Node | undefined, name: string): string => {
  const attrs = node?.$;
  const value = attrs && typeof attrs === 'object' ? (attrs as Node)[name] : undefined;
  return typeof value === 'string' ? value : '';
};
const text = (node: Node | undefined): string => (typeof node?._ === 'string' ? node._ : '');

/** The IdP's entity id, its SSO address (HTTP-Redirect preferred, as our requests use it) and signing certificate. */
export async function idpMetadataOf(xml: string): Promise<SamlMetadataResponse> {
  let root: Node;
  try {
    root = await parseXml2JsFromString(xml) as Node;
  } catch {
    throw undecodable();
  }
  // An aggregate (EntitiesDescriptor) holds several: the first IdP among them is taken.
  const single = root.EntityDescriptor;
  const entities = single && typeof single === 'object' ? [single as Node] : list(root.EntitiesDescriptor, 'EntityDescriptor');
  const entity = entities.find((candidate) => list(candidate, 'IDPSSODescriptor').length > 0) ?? entities[0];
  if (!entity) throw undecodable();
  const descriptor = list(entity, 'IDPSSODescriptor')[0];
  if (!descriptor) throw missingDescriptor();
  const services = list(descriptor, 'SingleSignOnService');
  const sso = services.find((service) => attr(service, 'Binding') === REDIRECT_BINDING) ?? services[0];
  if (!sso || !attr(sso, 'Location')) throw missingSso();
  const keys = list(descriptor, 'KeyDescriptor');
  const key = keys.find((candidate) => attr(candidate, 'use') === 'signing' || attr(candidate, 'use') === '') ?? keys[0];
  const certificate = text(list(list(list(key, 'KeyInfo')[0], 'X509Data')[0], 'X509Certificate')[0]).replace(/\s+/g, '');
  if (!certificate) throw missingKey();
  return { idp_url: attr(sso, 'Location'), idp_descriptor_url: attr(entity, 'entityID'), idp_public_certificate: certificate };
}
