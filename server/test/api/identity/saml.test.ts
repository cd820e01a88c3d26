import { inflateRawSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { samlLogins } from '../../../src/metrics/registry.js';
import { createUser, raw, startTestServer, type TestServer, type TestUser } from '../../harness.js';
import { ensureAdmin } from '../post_fixtures.js';
import { TestIdp, decodeResponse, keyPair, unsigned, withXml, type IdpUser, type KeyPair, type PostedResponse, type ResponseOptions } from '../../saml_idp.js';

const SP_ENTITY_ID = 'https://parley.test/saml/sp';

let server: TestServer;
let admin: TestUser;
let member: TestUser;
let idp: TestIdp;
let spKeys: KeyPair;

interface Outcome {
  status: number;
  location: string;
  token?: string;
}

async function uploadFile(kind: 'idp' | 'public' | 'private', pem: string, token = admin.token): Promise<Response> {
  const form = new FormData();
  form.append('certificate', new Blob([pem]), `upload-${kind}.pem`);
  return fetch(`${server.url}/api/v4/saml/certificate/${kind}`, { method: 'POST', headers: { Authorization: `Bearer ${token}` }, body: form });
}

async function patchSaml(settings: Record<string, unknown>): Promise<void> {
  const patched = await raw(server, 'PUT', '/config/patch', { token: admin.token, body: { SamlSettings: settings } });
  expect(patched.status).toBe(200);
}

async function spMetadata(): Promise<string> {
  const response = await fetch(`${server.url}/api/v4/saml/metadata`);
  expect(response.status).toBe(200);
  return response.text();
}

/** Starts a sign-in at the SP: the IdP address it redirects to. */
async function begin(redirectTo = '/team/town-square'): Promise<string> {
  const response = await fetch(`${server.url}/login/sso/saml?action=login&redirect_to=${encodeURIComponent(redirectTo)}`, { redirect: 'manual' });
  expect(response.status).toBe(302);
  return response.headers.get('location') ?? '';
}

async function post(posted: PostedResponse): Promise<Outcome> {
  const response = await fetch(`${server.url}/login/sso/saml`, {
    method: 'POST', redirect: 'manual',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ SAMLResponse: posted.SAMLResponse, RelayState: posted.RelayState }).toString(),
  });
  const cookie = response.headers.getSetCookie().find((line) => line.startsWith('MMAUTHTOKEN='));
  return { status: response.status, location: response.headers.get('location') ?? '', token: cookie?.split(';')[0]?.slice('MMAUTHTOKEN='.length) };
}

/** A response for a fresh sign-in, as the IdP would post it (not yet posted). */
async function respond(user: IdpUser, options: ResponseOptions = {}, redirectTo?: string): Promise<PostedResponse> {
  return idp.respond(await spMetadata(), await begin(redirectTo), user, options);
}

const refusedWith = (outcome: Outcome, id: string): void => {
  expect(outcome.status).toBe(302);
  expect(outcome.token).toBeUndefined();
  const location = new URL(outcome.location, server.url);
  expect(location.pathname).toBe('/error');
  expect(location.searchParams.get('id')).toBe(id);
};

let people = 0;
function person(extra: Record<string, string | string[]> = {}): IdpUser {
  people += 1;
  const name = `saml${people}${Date.now().toString(36)}`;
  return {
    nameId: `${name}@idp.parley.test`,
    attributes: { objectId: `oid-${name}`, mail: `${name}@example.com`, uid: name, givenName: 'Ada', sn: 'Lovelace', title: 'Analyst', nick: 'countess', ...extra },
  };
}

async function me(token: string): Promise<Record<string, unknown>> {
  const response = await raw(server, 'GET', '/users/me', { token });
  expect(response.status).toBe(200);
  return response.body as Record<string, unknown>;
}

const successes = async (): Promise<number> => (await samlLogins.get()).values.find((v) => v.labels.result === 'success')?.value ?? 0;

beforeAll(async () => {
  server = await startTestServer();
  admin = await ensureAdmin(server);
  member = await createUser(server, 'member');
  [idp, spKeys] = await Promise.all([TestIdp.start(), keyPair('sp.parley.test')]);
  expect((await uploadFile('idp', idp.keys.cert)).status).toBe(200);
  await patchSaml({
    Enable: true, Verify: true, Encrypt: false, SignRequest: false,
    IdpURL: idp.ssoUrl, IdpDescriptorURL: idp.entityId, ServiceProviderIdentifier: SP_ENTITY_ID,
    AssertionConsumerServiceURL: `${server.url}/login/sso/saml`,
    IdAttribute: 'objectId', EmailAttribute: 'mail', UsernameAttribute: 'uid', FirstNameAttribute: 'givenName',
    LastNameAttribute: 'sn', PositionAttribute: 'title', NicknameAttribute: 'nick',
    EnableAdminAttribute: true, AdminAttribute: 'role=admin',
  });
}, 60_000);

afterAll(async () => {
  await idp?.close();
  await server?.close();
});

describe('SAML service provider metadata', () => {
  it('is served anonymously with our entity id and assertion consumer service', async () => {
    const response = await fetch(`${server.url}/api/v4/saml/metadata`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toContain('xml');
    const xml = await response.text();
    expect(xml).toContain(`entityID="${SP_ENTITY_ID}"`);
    expect(xml).toContain(`Location="${server.url}/login/sso/saml"`);
    expect(xml).toContain('WantAssertionsSigned="true"');
    expect(xml).not.toContain('use="encryption"');
  });
});

describe('SAML sign-in', () => {
  it('accepts a signed response to our request, creates the account with the mapped attributes, and finds it again', async () => {
    const before = await successes();
    const alice = person();
    const first = await post(await respond(alice, {}, '/team/town-square'));
    expect(first.status).toBe(302);
    expect(first.location).toBe('/team/town-square');
    expect(first.token).toBeTruthy();
    const account = await me(first.token as string);
    expect(account).toMatchObject({
      auth_service: 'saml', email: alice.attributes.mail, username: alice.attributes.uid,
      first_name: 'Ada', last_name: 'Lovelace', position: 'Analyst', nickname: 'countess',
    });
    expect(String(account.roles)).not.toContain('system_admin');

    const second = await post(await respond({ ...alice, attributes: { ...alice.attributes, title: 'Engineer' } }));
    expect(second.token).toBeTruthy();
    const again = await me(second.token as string);
    expect(again.id).toBe(account.id);
    expect(again.position).toBe('Engineer');
    expect(await successes()).toBe(before + 2);
  });

  it('accepts a response signed as a whole around an unsigned assertion', async () => {
    const posted = await respond(person(), { signResponseOnly: true });
    const xml = decodeResponse(posted);
    // One signature, the response's: right after its Issuer, before the assertion.
    expect(xml.match(/<(\w+:)?Signature\b/g)).toHaveLength(1);
    expect(xml.indexOf('Signature')).toBeLessThan(xml.indexOf('Assertion'));
    expect((await post(posted)).token).toBeTruthy();
  });

  it('grants system admin from the admin attribute', async () => {
    const outcome = await post(await respond(person({ role: ['staff', 'admin'] })));
    expect(outcome.token).toBeTruthy();
    expect(String((await me(outcome.token as string)).roles)).toContain('system_admin');
  });

  it('only redirects to a path on this server', async () => {
    for (const elsewhere of ['https://evil.example/steal', '//evil.example/steal', '/\\evil.example/steal']) {
      const outcome = await post(await respond(person(), {}, elsewhere));
      expect(outcome.token).toBeTruthy();
      expect(outcome.location).toBe('/');
    }
  });

  it('refuses an unsigned response', async () => {
    refusedWith(await post(unsigned(await respond(person()))), 'ent.saml.do_login.invalid_signature.app_error');
  });

  it('refuses a response altered after it was signed', async () => {
    const victim = person();
    const posted = await respond(person());
    const xml = decodeResponse(posted);
    const forged = xml.replace(/<saml:AttributeValue xsi:type="xs:string">[^<]*@example\.com</, `<saml:AttributeValue xsi:type="xs:string">${victim.attributes.mail as string}<`);
    expect(forged).not.toBe(xml);
    refusedWith(await post(withXml(posted, forged)), 'ent.saml.do_login.invalid_signature.app_error');
  });

  it('refuses a response signed by another key', async () => {
    refusedWith(await post(await respond(person(), { signWith: await keyPair('evil.parley.test') })), 'ent.saml.do_login.invalid_signature.app_error');
  });

  it('refuses a response for another audience', async () => {
    refusedWith(await post(await respond(person(), { audience: 'https://other.example/sp' })), 'ent.saml.do_login.parse.app_error');
  });

  it('refuses an expired assertion', async () => {
    const hourAgo = new Date(Date.now() - 3_600_000);
    refusedWith(await post(await respond(person(), { notBefore: new Date(hourAgo.getTime() - 60_000), notOnOrAfter: hourAgo })), 'ent.saml.do_login.invalid_time.app_error');
  });

  it('refuses an assertion from another issuer', async () => {
    refusedWith(await post(await respond(person(), { issuer: 'https://evil.example/idp' })), 'ent.saml.do_login.parse.app_error');
  });

  it('refuses a response that answers another request', async () => {
    refusedWith(await post(await respond(person(), { inResponseTo: '_someone-elses-request' })), 'ent.saml.do_login.parse.app_error');
  });

  it('refuses a response replayed after it was used', async () => {
    const posted = await respond(person());
    expect((await post(posted)).token).toBeTruthy();
    const again = await post(posted);
    refusedWith(again, 'ent.saml.do_login.parse.app_error');
    expect(new URL(again.location, server.url).searchParams.get('message')).toContain('already used');
  });

  it('refuses a used assertion moved into a response to a new request', async () => {
    const used = await respond(person(), { bareSubject: true });
    expect((await post(used)).token).toBeTruthy();
    // A new sign-in of the attacker's own: its request id and RelayState, around the victim's signed assertion.
    const next = new URL(await begin());
    const request = inflateRawSync(Buffer.from(next.searchParams.get('SAMLRequest') ?? '', 'base64')).toString('utf8');
    const requestId = /\sID="([^"]+)"/.exec(request)?.[1] ?? '';
    expect(requestId).not.toBe('');
    const xml = decodeResponse(used).replace(/(<samlp:Response\b[^>]*\sInResponseTo=")[^"]*"/, `$1${requestId}"`);
    const moved = await post({ ...withXml(used, xml), RelayState: next.searchParams.get('RelayState') ?? '' });
    refusedWith(moved, 'ent.saml.do_login.parse.app_error');
    expect(new URL(moved.location, server.url).searchParams.get('message')).toContain('already used');
  });

  it('refuses a RelayState this server did not seal', async () => {
    const posted = await respond(person());
    refusedWith(await post({ ...posted, RelayState: 'not-ours' }), 'ent.saml.do_login.parse.app_error');
  });

  it('refuses a response with the email attribute missing, without a 500', async () => {
    const nobody = person();
    delete nobody.attributes.mail;
    refusedWith(await post(await respond(nobody)), 'ent.saml.attribute.app_error');
  });

  it('decrypts an encrypted assertion with the uploaded SP key, and then requires encryption', async () => {
    expect((await uploadFile('public', spKeys.cert)).status).toBe(200);
    expect((await uploadFile('private', spKeys.key)).status).toBe(200);
    await patchSaml({ Encrypt: true });
    try {
      const metadata = await spMetadata();
      expect(metadata).toContain('use="encryption"');
      const posted = await respond(person(), { encrypt: true });
      expect(decodeResponse(posted)).toContain('EncryptedAssertion');
      const outcome = await post(posted);
      expect(outcome.status).toBe(302);
      expect(outcome.location).toBe('/team/town-square');
      expect(outcome.token).toBeTruthy();
      refusedWith(await post(await respond(person())), 'ent.saml.configure.not_encrypted_response.app_error');
    } finally {
      await patchSaml({ Encrypt: false });
    }
  });

  it('signs its AuthnRequests with the SP key when SignRequest is on', async () => {
    await patchSaml({ SignRequest: true });
    try {
      const metadata = await spMetadata();
      expect(metadata).toContain('AuthnRequestsSigned="true"');
      expect(metadata).toContain('use="signing"');
      const location = new URL(await begin());
      expect(location.searchParams.get('SigAlg')).toBe('http://www.w3.org/2001/04/xmldsig-more#rsa-sha256');
      expect(location.searchParams.get('Signature')).toBeTruthy();
      // The IdP verifies the signature with the certificate from our metadata before it answers.
      const posted = await idp.respond(metadata, location.toString(), person(), { requireSignedRequest: true });
      expect((await post(posted)).token).toBeTruthy();
      // And an IdP that insists on signed requests refuses an altered one.
      location.searchParams.set('RelayState', 'changed');
      await expect(idp.respond(metadata, location.toString(), person(), { requireSignedRequest: true })).rejects.toThrow();
    } finally {
      await patchSaml({ SignRequest: false });
    }
  });
});

describe('SAML certificates', () => {
  it('reports, replaces and removes the files, and turns encryption off with the SP key', async () => {
    const other = await keyPair('sp2.parley.test');
    expect((await uploadFile('public', other.cert)).status).toBe(200);
    expect((await uploadFile('private', other.key)).status).toBe(200);
    await patchSaml({ Encrypt: true });
    const status = await raw(server, 'GET', '/saml/certificate/status', { token: admin.token });
    expect(status.status).toBe(200);
    expect(status.body).toEqual({ idp_certificate_file: true, public_certificate_file: true, private_key_file: true });
    const config = await raw(server, 'GET', '/config', { token: admin.token });
    expect(config.body.SamlSettings).toMatchObject({ IdpCertificateFile: 'saml-idp.crt', PublicCertificateFile: 'saml-public.crt', PrivateKeyFile: 'saml-private.key' });

    expect((await raw(server, 'DELETE', '/saml/certificate/private', { token: admin.token })).status).toBe(200);
    const after = await raw(server, 'GET', '/saml/certificate/status', { token: admin.token });
    expect(after.body).toEqual({ idp_certificate_file: true, public_certificate_file: true, private_key_file: false });
    const settings = (await raw(server, 'GET', '/config', { token: admin.token })).body.SamlSettings;
    expect(settings).toMatchObject({ PrivateKeyFile: '', Encrypt: false });
    expect((await raw(server, 'DELETE', '/saml/certificate/private', { token: admin.token })).status).toBe(404);
  });

  it('refuses a file that is not a certificate', async () => {
    const response = await uploadFile('idp', 'not a certificate');
    expect(response.status).toBe(400);
    expect(((await response.json()) as { id: string }).id).toBe('api.admin.saml.failure_parse_idp_certificate.app_error');
    expect((await raw(server, 'GET', '/saml/certificate/status', { token: admin.token })).body.idp_certificate_file).toBe(true);
  });

  it('accepts the IdP certificate as a bare PEM body, as the console sends it from the metadata', async () => {
    const bare = idp.keys.cert.replace(/-----[A-Z ]+-----/g, '').replace(/\s+/g, '');
    const response = await raw(server, 'POST', '/saml/certificate/idp', { token: admin.token, body: bare, headers: { 'Content-Type': 'application/x-pem-file' } });
    expect(response.status).toBe(200);
    expect((await post(await respond(person()))).token).toBeTruthy();
  });

  it('is closed to users who are not admins', async () => {
    expect((await raw(server, 'GET', '/saml/certificate/status', { token: member.token })).status).toBe(403);
    expect((await uploadFile('idp', idp.keys.cert, member.token)).status).toBe(403);
    expect((await raw(server, 'DELETE', '/saml/certificate/idp', { token: member.token })).status).toBe(403);
    expect((await raw(server, 'POST', '/saml/metadatafromidp', { token: member.token, body: { saml_metadata_url: idp.metadataUrl } })).status).toBe(403);
    expect((await raw(server, 'GET', '/saml/certificate/status')).status).toBe(401);
  });
});

describe('IdP metadata look-up', () => {
  it('reads the SSO address, entity id and signing certificate from the IdP metadata URL', async () => {
    const response = await raw(server, 'POST', '/saml/metadatafromidp', { token: admin.token, body: { saml_metadata_url: idp.metadataUrl } });
    expect(response.status).toBe(200);
    expect(response.body).toEqual({
      idp_url: idp.ssoUrl,
      idp_descriptor_url: idp.entityId,
      idp_public_certificate: idp.keys.cert.replace(/-----[A-Z ]+-----/g, '').replace(/\s+/g, ''),
    });
  });

  it('answers a 400 for an address that serves no metadata', async () => {
    const response = await raw(server, 'POST', '/saml/metadatafromidp', { token: admin.token, body: { saml_metadata_url: `${idp.baseUrl}/nothing` } });
    expect(response.status).toBe(400);
    expect(response.body.id).toBe('app.admin.saml.invalid_response_from_idp.app_error');
  });
});

describe('SAML switched off', () => {
  it('sends the browser to the error page, and removing the IdP certificate turns SAML off', async () => {
    expect((await raw(server, 'DELETE', '/saml/certificate/idp', { token: admin.token })).status).toBe(200);
    expect((await raw(server, 'GET', '/config', { token: admin.token })).body.SamlSettings).toMatchObject({ Enable: false, IdpCertificateFile: '' });
    const response = await fetch(`${server.url}/login/sso/saml?action=login`, { redirect: 'manual' });
    expect(response.status).toBe(302);
    expect(new URL(response.headers.get('location') ?? '', server.url).searchParams.get('id')).toBe('api.admin.saml.not_available.app_error');
  });
});
