import { freePort } from './spawned_server.js';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Attribute, Change, Client } from 'ldapts';
import { generate } from 'selfsigned';

// A real OpenLDAP slapd for the LDAP tests and bench: a temp directory with a slapd.conf (mdb backend, the core,
// cosine and inetOrgPerson schemas), started in the foreground on a free loopback port and killed afterwards.
// Entries are added and changed through ldapts as the root DN, so tests need no ldap-utils.

export const BASE_DN = 'dc=parley,dc=test';
export const PEOPLE_DN = `ou=people,${BASE_DN}`;
export const ROOT_DN = `cn=admin,${BASE_DN}`;
export const ROOT_PASSWORD = 'slapd-root-secret';

const SLAPD = process.env.PARLEY_SLAPD ?? '/usr/sbin/slapd';
const SCHEMA_DIR = '/etc/ldap/schema';
const MODULE_DIR = '/usr/lib/ldap';

/** An inetOrgPerson under ou=people, by uid (the RDN); employeeNumber is the stable id tests map to IdAttribute. */
export interface Person {
  uid: string;
  password: string;
  mail: string;
  givenName: string;
  sn: string;
  employeeNumber: string;
  title?: string;
  displayName?: string;
  /** departmentNumber: what filters in the tests (admin, allowed users) look at. */
  departmentNumber?: string;
}

export interface Slapd {
  url: string;
  port: number;
  /** With `tls`: the LDAPS port (the plain port offers STARTTLS too), and the self-signed certificate (PEM). */
  tlsPort?: number;
  certificate?: string;
  /** Adds people under ou=people. */
  addPeople(people: readonly Person[]): Promise<void>;
  /** Replaces attributes of a person's entry. */
  modify(uid: string, attributes: Record<string, string>): Promise<void>;
  remove(uid: string): Promise<void>;
  close(): Promise<void>;
}

export { freePort };

export const personDn = (uid: string): string => `uid=${uid},${PEOPLE_DN}`;

function config(dir: string, tls: boolean): string {
  return [
    ...(tls ? [`TLSCertificateFile ${dir}/cert.pem`, `TLSCertificateKeyFile ${dir}/key.pem`] : []),
    `include ${SCHEMA_DIR}/core.schema`,
    `include ${SCHEMA_DIR}/cosine.schema`,
    `include ${SCHEMA_DIR}/inetorgperson.schema`,
    `pidfile ${dir}/slapd.pid`,
    `argsfile ${dir}/slapd.args`,
    `modulepath ${MODULE_DIR}`,
    'moduleload back_mdb',
    // Sync reads every entry; a server's default limit of 500 would end it early (paged searches still page).
    'sizelimit unlimited',
    'database mdb',
    'maxsize 1073741824',
    `suffix "${BASE_DN}"`,
    `rootdn "${ROOT_DN}"`,
    `rootpw ${ROOT_PASSWORD}`,
    `directory ${dir}/data`,
    'index objectClass eq',
    'index uid,mail,employeeNumber,departmentNumber eq',
    // Passwords are only for binding; everything else only for someone bound (so the service bind is needed).
    'access to attrs=userPassword by self write by anonymous auth by * none',
    'access to * by users read by * none',
    '',
  ].join('\n');
}

async function waitUntilUp(url: string, child: ChildProcess, output: () => string): Promise<void> {
  const deadline = Date.now() + 20_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`slapd exited with ${child.exitCode}: ${output()}`);
    const client = new Client({ url, connectTimeout: 1_000, timeout: 2_000 });
    try {
      await client.bind(ROOT_DN, ROOT_PASSWORD);
      return;
    } catch (err) {
      if (Date.now() > deadline) throw new Error(`slapd did not start: ${String(err)} ${output()}`);
      await new Promise((r) => setTimeout(r, 100));
    } finally {
      await client.unbind().catch(() => undefined);
    }
  }
}

/** Starts slapd with the base entry and ou=people, and these people. */
export async function startSlapd(people: readonly Person[] = [], options: { tls?: boolean } = {}): Promise<Slapd> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'parley-slapd-'));
  mkdirSync(path.join(dir, 'data'));
  let certificate: string | undefined;
  if (options.tls) {
    const pems = await generate([{ name: 'commonName', value: 'localhost' }], {
      keySize: 2048, algorithm: 'sha256',
      extensions: [{ name: 'subjectAltName', altNames: [{ type: 2, value: 'localhost' }, { type: 7, ip: '127.0.0.1' }] }],
    });
    certificate = pems.cert;
    writeFileSync(path.join(dir, 'cert.pem'), pems.cert);
    writeFileSync(path.join(dir, 'key.pem'), pems.private);
  }
  const confFile = path.join(dir, 'slapd.conf');
  writeFileSync(confFile, config(dir, options.tls === true));
  const port = await freePort();
  const tlsPort = options.tls ? await freePort() : undefined;
  const url = `ldap://127.0.0.1:${port}`;
  const listeners = tlsPort ? `${url}/ ldaps://127.0.0.1:${tlsPort}/` : `${url}/`;
  // -d 0: stay in the foreground (no fork), so the child is slapd itself and killing it stops the server.
  const child = spawn(SLAPD, ['-d', '0', '-h', listeners, '-f', confFile], { stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  const keep = (chunk: Buffer): void => {
    output = (output + chunk.toString()).slice(-4_000);
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const stop = async (): Promise<void> => {
    if (child.exitCode === null) child.kill('SIGTERM');
    await Promise.race([exited, new Promise((r) => setTimeout(r, 5_000))]);
    if (child.exitCode === null) child.kill('SIGKILL');
    rmSync(dir, { recursive: true, force: true });
  };
  try {
    await waitUntilUp(url, child, () => output);
  } catch (err) {
    await stop();
    throw err;
  }

  const admin = new Client({ url, timeout: 30_000 });
  await admin.bind(ROOT_DN, ROOT_PASSWORD);
  await admin.add(BASE_DN, { objectClass: ['top', 'dcObject', 'organization'], dc: 'parley', o: 'Parley tests' });
  await admin.add(PEOPLE_DN, { objectClass: ['top', 'organizationalUnit'], ou: 'people' });

  const slapd: Slapd = {
    url, port, tlsPort, certificate,
    async addPeople(list) {
      for (const person of list) {
        const entry: Record<string, string | string[]> = {
          objectClass: ['top', 'person', 'organizationalPerson', 'inetOrgPerson'],
          uid: person.uid, cn: `${person.givenName} ${person.sn}`, sn: person.sn, givenName: person.givenName,
          mail: person.mail, employeeNumber: person.employeeNumber, userPassword: person.password,
        };
        if (person.title) entry.title = person.title;
        if (person.displayName) entry.displayName = person.displayName;
        if (person.departmentNumber) entry.departmentNumber = person.departmentNumber;
        await admin.add(personDn(person.uid), entry);
      }
    },
    async modify(uid, attributes) {
      const changes = Object.entries(attributes).map(([type, value]) => new Change({ operation: 'replace', modification: new Attribute({ type, values: [value] }) }));
      await admin.modify(personDn(uid), changes);
    },
    async remove(uid) {
      await admin.del(personDn(uid));
    },
    async close() {
      await admin.unbind().catch(() => undefined);
      await stop();
    },
  };
  await slapd.addPeople(people);
  return slapd;
}
