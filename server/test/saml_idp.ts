import { randomBytes } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import * as validator from '@authenio/samlify-node-xmllint';
import * as samlify from 'samlify';
import { generate } from 'selfsigned';

// samlify refuses to parse anything without a schema validator; xmllint checks our AuthnRequests against the SAML schema.
samlify.setSchemaValidator(validator);

export interface KeyPair {
  key: string;
  cert: string;
}

/** A fresh RSA key and self-signed certificate. */
export async function keyPair(commonName: string): Promise<KeyPair> {
  const pems = await generate([{ name: 'commonName', value: commonName }], { keySize: 2048, algorithm: 'sha256' });
  return { key: pems.private, cert: pems.cert };
}

/** Who signs in, as the IdP asserts it. */
export interface IdpUser {
  nameId: string;
  attributes: Record<string, string | string[]>;
}

/** Departures from a well-formed, signed response, for the refusal cases. */
export interface ResponseOptions {
  /** Sign with this key instead of the IdP's own (its certificate still named in the metadata the SP trusts). */
  signWith?: KeyPair;
  audience?: string;
  notBefore?: Date;
  notOnOrAfter?: Date;
  /** Encrypt the assertion for the SP (its metadata must carry an encryption certificate). */
  encrypt?: boolean;
  /** Answer another request than the one in the redirect. */
  inResponseTo?: string;
  issuer?: string;
  recipient?: string;
  /** Leave InResponseTo out of the assertion's SubjectConfirmationData (it is optional there), so only the response names the request. */
  bareSubject?: boolean;
  /** Insist, as an IdP may, that the AuthnRequest is signed by the SP's key named in its metadata. */
  requireSignedRequest?: boolean;
  /** Sign the response as a whole and leave the assertion unsigned (as if the SP's metadata did not ask for signed assertions). */
  signResponseOnly?: boolean;
}

export interface PostedResponse {
  SAMLResponse: string;
  RelayState: string;
}

const BINDING_REDIRECT = 'urn:oasis:names:tc:SAML:2.0:bindings:HTTP-Redirect';

const escapeXml = (value: string): string =>
  value.replace(/[<>&"']/g, (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', '"': '&quot;', "'": '&apos;' })[c] ?? c);

// The response samlify fills in, signs and (when asked) encrypts: its default shape with an AuthnStatement and the attributes.
const RESPONSE_TEMPLATE = '<samlp:Response xmlns:samlp="urn:oasis:names:tc:SAML:2.0:protocol" xmlns:saml="urn:oasis:names:tc:SAML:2.0:assertion" ID="{ID}" Version="2.0" IssueInstant="{IssueInstant}" Destination="{Destination}" InResponseTo="{InResponseTo}">'
  + '<saml:Issuer>{Issuer}</saml:Issuer><samlp:Status><samlp:StatusCode Value="urn:oasis:names:tc:SAML:2.0:status:Success"/></samlp:Status>'
  + '<saml:Assertion xmlns:saml="urn:oasis:names:tc:SAML:2.0:assertion" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xmlns:xs="http://www.w3.org/2001/XMLSchema" ID="{AssertionID}" Version="2.0" IssueInstant="{IssueInstant}">'
  + '<saml:Issuer>{Issuer}</saml:Issuer><saml:Subject><saml:NameID Format="urn:oasis:names:tc:SAML:1.1:nameid-format:unspecified">{NameID}</saml:NameID>'
  + '<saml:SubjectConfirmation Method="urn:oasis:names:tc:SAML:2.0:cm:bearer"><saml:SubjectConfirmationData NotOnOrAfter="{NotOnOrAfter}" Recipient="{Recipient}" InResponseTo="{InResponseTo}"/></saml:SubjectConfirmation></saml:Subject>'
  + '<saml:Conditions NotBefore="{NotBefore}" NotOnOrAfter="{NotOnOrAfter}"><saml:AudienceRestriction><saml:Audience>{Audience}</saml:Audience></saml:AudienceRestriction></saml:Conditions>'
  + '<saml:AuthnStatement AuthnInstant="{IssueInstant}" SessionIndex="{SessionIndex}"><saml:AuthnContext><saml:AuthnContextClassRef>urn:oasis:names:tc:SAML:2.0:ac:classes:PasswordProtectedTransport</saml:AuthnContextClassRef></saml:AuthnContext></saml:AuthnStatement>'
  + '{Attributes}</saml:Assertion></samlp:Response>';

function attributeStatement(attributes: Record<string, string | string[]>): string {
  const entries = Object.entries(attributes).map(([name, value]) => {
    const values = (Array.isArray(value) ? value : [value])
      .map((item) => `<saml:AttributeValue xsi:type="xs:string">${escapeXml(item)}</saml:AttributeValue>`).join('');
    return `<saml:Attribute Name="${escapeXml(name)}" NameFormat="urn:oasis:names:tc:SAML:2.0:attrname-format:basic">${values}</saml:Attribute>`;
  });
  return entries.length ? `<saml:AttributeStatement>${entries.join('')}</saml:AttributeStatement>` : '';
}

const newSamlId = (): string => `_${randomBytes(20).toString('hex')}`;

/**
 * A real SAML 2.0 identity provider for tests (samlify in IdP mode): it parses the service provider's AuthnRequest
 * from the redirect URL, answers it with a signed (and, if asked, encrypted) response for the HTTP-POST binding, and
 * serves its metadata over HTTP for the metadata look-up.
 */
export class TestIdp {
  private constructor(readonly entityId: string, readonly keys: KeyPair, private readonly http: Server, readonly baseUrl: string) {}

  static async start(entityId = 'https://idp.parley.test/metadata', keys?: KeyPair): Promise<TestIdp> {
    const pair = keys ?? await keyPair('idp.parley.test');
    let idp: TestIdp | undefined;
    const http = createServer((request, response) => {
      if (request.url === '/metadata' && idp) {
        response.writeHead(200, { 'Content-Type': 'application/samlmetadata+xml' }).end(idp.metadataXml());
        return;
      }
      response.writeHead(404).end();
    });
    await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
    const { port } = http.address() as AddressInfo;
    idp = new TestIdp(entityId, pair, http, `http://127.0.0.1:${port}`);
    return idp;
  }

  get ssoUrl(): string {
    return `${this.baseUrl}/sso`;
  }

  get metadataUrl(): string {
    return `${this.baseUrl}/metadata`;
  }

  metadataXml(): string {
    return this.entity(false, this.keys).getMetadata();
  }

  /**
   * What the browser would post to the SP's ACS after signing in at the IdP: the SP's AuthnRequest is taken from
   * `authorizeUrl` (the SP's redirect) and answered for `user`.
   */
  async respond(spMetadataXml: string, authorizeUrl: string, user: IdpUser, options: ResponseOptions = {}): Promise<PostedResponse> {
    const url = new URL(authorizeUrl);
    const metadata = options.signResponseOnly ? spMetadataXml.replace('WantAssertionsSigned="true"', 'WantAssertionsSigned="false"') : spMetadataXml;
    const sp = samlify.ServiceProvider({ metadata });
    const idp = this.entity(options.encrypt ?? false, options.signWith ?? this.keys, options.requireSignedRequest ?? false);
    const query = Object.fromEntries(url.searchParams.entries());
    // A redirect-binding signature covers the query as sent, without the Signature itself (saml-bindings §3.4.4.1).
    const octetString = url.search.slice(1).split('&').filter((part) => !part.startsWith('Signature=')).join('&');
    const parsed = await idp.parseLoginRequest(sp, 'redirect', { query, octetString } as never);
    const request = parsed as unknown as Parameters<typeof idp.createLoginResponse>[1];
    const requestId = String((request.extract as { request?: { id?: string } }).request?.id ?? '');
    const acs = sp.entityMeta.getAssertionConsumerService('post') as string;
    const now = new Date();
    const values: Record<string, string> = {
      ID: newSamlId(),
      AssertionID: newSamlId(),
      SessionIndex: newSamlId(),
      IssueInstant: now.toISOString(),
      Destination: acs,
      Recipient: options.recipient ?? acs,
      InResponseTo: options.inResponseTo ?? requestId,
      Issuer: options.issuer ?? this.entityId,
      NameID: user.nameId,
      Audience: options.audience ?? sp.entityMeta.getEntityID(),
      NotBefore: (options.notBefore ?? new Date(now.getTime() - 60_000)).toISOString(),
      NotOnOrAfter: (options.notOnOrAfter ?? new Date(now.getTime() + 5 * 60_000)).toISOString(),
    };
    const { context } = await idp.createLoginResponse(sp, request, 'post', {}, {
      customTagReplacement: () => {
        const template = options.bareSubject ? RESPONSE_TEMPLATE.replace(' Recipient="{Recipient}" InResponseTo="{InResponseTo}"', ' Recipient="{Recipient}"') : RESPONSE_TEMPLATE;
        const xml = template.replace(/\{(\w+)\}/g, (_match, tag: string) => (tag === 'Attributes' ? attributeStatement(user.attributes) : escapeXml(values[tag] ?? '')));
        return { id: values.ID, context: xml };
      },
    });
    return { SAMLResponse: context, RelayState: url.searchParams.get('RelayState') ?? '' };
  }

  async close(): Promise<void> {
    await new Promise<void>((resolve) => this.http.close(() => resolve()));
  }

  private entity(encrypt: boolean, signer: KeyPair, wantAuthnRequestsSigned = false): samlify.IdentityProviderInstance {
    return samlify.IdentityProvider({
      entityID: this.entityId,
      privateKey: signer.key,
      // The metadata always names the IdP's own certificate, whoever signs.
      signingCert: this.keys.cert,
      isAssertionEncrypted: encrypt,
      wantAuthnRequestsSigned,
      singleSignOnService: [{ Binding: BINDING_REDIRECT, Location: this.ssoUrl }],
      requestSignatureAlgorithm: 'http://www.w3.org/2001/04/xmldsig-more#rsa-sha256',
    });
  }
}

/** The XML of a posted response, and back: for altering one after it was signed. */
export const decodeResponse = (posted: PostedResponse): string => Buffer.from(posted.SAMLResponse, 'base64').toString('utf8');
export const withXml = (posted: PostedResponse, xml: string): PostedResponse => ({ ...posted, SAMLResponse: Buffer.from(xml, 'utf8').toString('base64') });
/** The response without any XML signature. */
export const unsigned = (posted: PostedResponse): PostedResponse =>
  withXml(posted, decodeResponse(posted).replace(/<(\w+:)?Signature\b[\s\S]*?<\/(\w+:)?Signature>/g, ''));
