import { createHash } from 'node:crypto';
import type { CacheProvider, Profile } from '@node-saml/node-saml';
import { parseDomFromString, xpath } from '@node-saml/node-saml/lib/xml.js';
import { samlLogins } from '../../../metrics/registry.js';
import { AppError } from '../../../model/errors.js';
import { newId } from '../../../model/id.js';
import { SealedBox } from '../../admin/sealed_box.js';
import type { AtRestKey } from '../../admin/at_rest_key.js';
import type { AppDeps } from '../../deps.js';
import type { LoginResult } from '../sign_in.js';
import type { ExternalAccounts, SignInOrigin } from '../external_accounts.js';
import type { SamlFiles } from './saml_files.js';
import { externalProfileOf } from './saml_profile.js';
import { safeRedirectPath } from '../redirect_path.js';
import { ASSERTION_MAX_AGE_MS, CLOCK_SKEW_MS, REQUEST_TTL_MS, loadSetup, serviceProvider, type SamlSetup } from './saml_setup.js';

/** The token type (store/tokens.ts) that makes each request good for one sign-in, on any node. */
const REQUEST_TOKEN = 'saml_request';
/** A SAMLResponse larger than this is no sign-in (real ones are a few KiB, encrypted ones a little more). */
const MAX_RESPONSE_CHARS = 512 * 1024;

/** What RelayState carries, sealed: the request the response must answer, when it was made, and where to go after. */
interface RelayState {
  request: string;
  at: number;
  to: string;
}

export interface SamlSignIn {
  result: LoginResult;
  redirectTo: string;
}

/** Why a response was refused, for the metric (failures are also in the audit log through ExternalAccounts). */
type Outcome = 'success' | 'invalid_signature' | 'invalid_time' | 'replayed' | 'invalid_response' | 'account' | 'not_available';

/** A refused response, with why for the metric. */
class SamlRefusal extends AppError {
  constructor(id: string, message: string, readonly outcome: Outcome) {
    super(id, message, 400);
  }
}

const emptyResponse = (): AppError => new SamlRefusal('ent.saml.do_login.empty_response.app_error', 'The SAML response is missing or not base64.', 'invalid_response');
const invalidSignature = (): AppError => new SamlRefusal('ent.saml.do_login.invalid_signature.app_error', 'The SAML response is not signed by the identity provider.', 'invalid_signature');
const invalidTime = (): AppError => new SamlRefusal('ent.saml.do_login.invalid_time.app_error', 'The SAML assertion has expired or is not valid yet.', 'invalid_time');
const invalidResponse = (detail: string): AppError => new SamlRefusal('ent.saml.do_login.parse.app_error', `The SAML response was refused: ${detail}.`, 'invalid_response');
const replayed = (): AppError => new SamlRefusal('ent.saml.do_login.parse.app_error', 'The SAML response was refused: it was already used.', 'replayed');
const notEncrypted = (): AppError => new SamlRefusal('ent.saml.configure.not_encrypted_response.app_error', 'The SAML assertion is not encrypted, and encryption is required.', 'invalid_response');

/**
 * SAML 2.0 sign-in as the service provider (node-saml does the XML, signature and encryption work): `start` sends the
 * browser to the IdP with an AuthnRequest (HTTP-Redirect binding), `finish` takes the IdP's POSTed response.
 *
 * Every response must answer a request of ours: its InResponseTo is checked against the request id sealed into
 * RelayState, and the request is recorded as a one-time token, so a response (or another made for the same request)
 * is accepted once on any node. Each assertion's id is recorded as well, for ASSERTION_MAX_AGE_MS (node-saml refuses it
 * after that anyway), so a signed assertion lifted into another response is refused too.
 */
export class SamlLogin {
  private readonly relayBox: SealedBox;

  constructor(private readonly deps: AppDeps, private readonly files: SamlFiles, private readonly accounts: ExternalAccounts, atRestKey: AtRestKey) {
    this.relayBox = new SealedBox(atRestKey, 'saml_relay_state');
  }

  /** The IdP address to send the browser to. */
  async start(requestOrigin: string, redirectTo: string | undefined): Promise<string> {
    const setup = await loadSetup(this.deps, this.files, requestOrigin, true);
    const now = Date.now();
    const requestId = `_${newId()}${newId()}`;
    await this.sweep(now);
    await this.deps.store.tokens.save({ token: requestId, type: REQUEST_TOKEN, create_at: now, extra: '{}' });
    const relay: RelayState = { request: requestId, at: now, to: safeRedirectPath(redirectTo) || '/' };
    const sp = serviceProvider(setup, { requestId, cache: noteOnly });
    return sp.getAuthorizeUrlAsync(await this.relayBox.seal(relay), undefined, {});
  }

  /** Validates the IdP's response and signs the person in. Every refusal is an AppError (the route redirects with it). */
  async finish(form: { SAMLResponse?: string; RelayState?: string }, requestOrigin: string, origin: SignInOrigin): Promise<SamlSignIn> {
    try {
      const setup = await loadSetup(this.deps, this.files, requestOrigin, true);
      const relay = await this.openRelay(form.RelayState);
      const encoded = (form.SAMLResponse ?? '').trim();
      if (!encoded || encoded.length > MAX_RESPONSE_CHARS || !/^[A-Za-z0-9+/=\s]+$/.test(encoded)) throw emptyResponse();
      await this.checkEnvelope(setup, encoded);
      const profile = await this.validated(setup, relay, encoded);
      this.checkAssertion(setup, profile);
      await this.consume(relay.request, profile);
      const external = externalProfileOf(profile, this.deps.liveConfig.document.SamlSettings);
      const result = await this.accounts.signIn(external, origin);
      samlLogins.inc({ result: 'success' });
      return { result, redirectTo: relay.to };
    } catch (err) {
      // Not a refusal of the response: SAML is off (501), or the account cannot sign in (ExternalAccounts audits it).
      const outcome = err instanceof SamlRefusal ? err.outcome : err instanceof AppError && err.statusCode === 501 ? 'not_available' : 'account';
      samlLogins.inc({ result: outcome });
      if (err instanceof SamlRefusal) this.deps.log.warn({ id: err.id, reason: err.message, ip: origin.ipAddress }, 'SAML response refused');
      throw err;
    }
  }

  private async openRelay(sealed: string | undefined): Promise<RelayState> {
    const relay = sealed && sealed.length < 4096 ? await this.relayBox.open(sealed) : undefined;
    if (!isRelay(relay)) throw invalidResponse('its RelayState was not issued by this server');
    if (Date.now() - relay.at > REQUEST_TTL_MS) throw invalidResponse('the sign-in took too long; please try again');
    return relay;
  }

  /** What node-saml does not check: encryption when it is required, and the response's Destination (SamlSettings.Verify). */
  private async checkEnvelope(setup: SamlSetup, encoded: string): Promise<void> {
    let doc: Document;
    try {
      doc = await parseDomFromString(Buffer.from(encoded, 'base64').toString('utf8'));
    } catch {
      throw emptyResponse();
    }
    const encrypted = xpath.selectElements(doc, "/*[local-name()='Response']/*[local-name()='EncryptedAssertion']");
    if (setup.encrypt && encrypted.length === 0) throw notEncrypted();
    const destination = xpath.selectAttributes(doc, "/*[local-name()='Response']/@Destination")[0]?.nodeValue;
    if (setup.verify && destination && destination !== setup.acsUrl) throw invalidResponse('it was sent to another address');
  }

  private async validated(setup: SamlSetup, relay: RelayState, encoded: string): Promise<Profile> {
    // node-saml asks whether the InResponseTo it read is outstanding: only the request sealed in RelayState is.
    const cache: CacheProvider = {
      saveAsync: async () => null,
      getAsync: async (key) => (key === relay.request ? new Date(relay.at).toISOString() : null),
      removeAsync: async () => null,
    };
    let profile: Profile | null;
    try {
      ({ profile } = await serviceProvider(setup, { cache }).validatePostResponseAsync({ SAMLResponse: encoded }));
    } catch (err) {
      throw classify(err);
    }
    if (!profile) throw invalidResponse('it holds no assertion');
    return profile;
  }

  /** The signed assertion's issuer and recipient, which node-saml leaves to the caller. */
  private checkAssertion(setup: SamlSetup, profile: Profile): void {
    if (setup.idpEntityId && profile.issuer !== setup.idpEntityId) throw invalidResponse('it was issued by another identity provider');
    const confirmations = subjectConfirmations(profile);
    if (confirmations.some((data) => data.Recipient !== undefined && data.Recipient !== setup.acsUrl)) {
      throw invalidResponse('its assertion is meant for another address');
    }
  }

  /** Uses up the request and the assertion: a second use of either, on any node, is a replay. */
  private async consume(requestId: string, profile: Profile): Promise<void> {
    if (!(await this.deps.store.tokens.take(REQUEST_TOKEN, requestId))) throw replayed();
    const assertionId = assertionIdOf(profile);
    if (!assertionId) throw invalidResponse('its assertion has no ID');
    const key = createHash('sha256').update(`${profile.issuer ?? ''}\n${assertionId}`).digest('hex');
    // Kept as long as node-saml would accept the assertion at all (its age cap, with the clock skew either side).
    if (!(await this.deps.store.samlAssertions.claim(key, Date.now() + ASSERTION_MAX_AGE_MS + 2 * CLOCK_SKEW_MS))) throw replayed();
  }

  private async sweep(now: number): Promise<void> {
    await this.deps.store.tokens.removeExpired(REQUEST_TOKEN, now - REQUEST_TTL_MS);
    await this.deps.store.samlAssertions.removeExpired(now);
  }
}

/** node-saml's cache when starting: the request id is recorded as a token instead. */
const noteOnly: CacheProvider = { saveAsync: async () => null, getAsync: async () => null, removeAsync: async () => null };

function isRelay(value: unknown): value is RelayState {
  if (!value || typeof value !== 'object') return false;
  const relay = value as Record<string, unknown>;
  return typeof relay.request === 'string' && typeof relay.at === 'number' && typeof relay.to === 'string';
}

/** node-saml's errors are plain Errors: sorted here by their message into Mattermost's error ids. */
function classify(err: unknown): AppError {
  if (err instanceof AppError) return err;
  const message = err instanceof Error ? err.message : String(err);
  if (/signature/i.test(message)) return invalidSignature();
  // A subject confirmation is only "valid" within its own NotBefore/NotOnOrAfter.
  if (/expired|not yet valid|too old|No valid subject confirmation/i.test(message)) return invalidTime();
  if (/InResponseTo/i.test(message)) return invalidResponse('it does not answer a sign-in started here');
  if (/audience/i.test(message)) return invalidResponse('it is meant for another service provider');
  if (/decrypt|EncryptedAssertion|No decryption key/i.test(message)) return invalidResponse('its assertion could not be decrypted');
  return invalidResponse(message.slice(0, 200));
}

type XmlNode = Record<string, unknown>;

const children = (node: unknown, name: string): XmlNode[] => {
  const value = node && typeof node === 'object' ? (node as XmlNode)[name] : undefined;
  return Array.isArray(value) ? value.filter((item): item is XmlNode => !!item && typeof item === 'object') : [];
};

const attributesOf = (node: XmlNode): Record<string, string | undefined> => {
  const attrs = node.$;
  return attrs && typeof attrs === 'object' ? attrs as Record<string, string | undefined> : {};
};

function assertionOf(profile: Profile): XmlNode | undefined {
  const parsed = profile.getAssertion?.();
  const assertion = parsed && typeof parsed === 'object' ? (parsed as XmlNode).Assertion : undefined;
  return assertion && typeof assertion === 'object' ? assertion as XmlNode : undefined;
}

function assertionIdOf(profile: Profile): string | undefined {
  const assertion = assertionOf(profile);
  return assertion ? attributesOf(assertion).ID : undefined;
}

function subjectConfirmations(profile: Profile): Record<string, string | undefined>[] {
  const assertion = assertionOf(profile);
  return children(assertion, 'Subject').flatMap((subject) => children(subject, 'SubjectConfirmation'))
    .flatMap((confirmation) => children(confirmation, 'SubjectConfirmationData')).map(attributesOf);
}
