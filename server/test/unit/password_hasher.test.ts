import { readdirSync, readFileSync } from 'node:fs';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { SERVER_BUSY_ID, serverBusy } from '../../src/app/concurrency_limit.js';
import type { AppDeps } from '../../src/app/deps.js';
import { PasswordHasher, passwordHasher } from '../../src/app/password_hasher.js';
import { PasswordChecker } from '../../src/app/passwords.js';
import type { UserRecord } from '../../src/model/types.js';

// argon2 on the hashing threads: real hashes and verifications, several at once, work refused once it waited too
// long, and (on Linux, where CI runs) the threads at the lowest CPU priority while the event loop keeps its own.

/** The nice value of each thread of this process (Linux: field 19 of /proc/self/task/<tid>/stat). */
function niceByThread(): Map<number, number> {
  const nice = new Map<number, number>();
  for (const tid of readdirSync('/proc/self/task')) {
    const stat = readFileSync(`/proc/self/task/${tid}/stat`, 'utf8');
    nice.set(Number(tid), Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[16]));
  }
  return nice;
}

describe('password hasher', () => {
  it('hashes with argon2id and verifies the right password only', async () => {
    const hasher = new PasswordHasher(1);
    const hash = await hasher.hash('correct horse battery staple');
    expect(hash).toMatch(/^\$argon2id\$/);
    expect(await hasher.verify(hash, 'correct horse battery staple')).toBe(true);
    expect(await hasher.verify(hash, 'correct horse battery stapler')).toBe(false);
  });

  it('rejects a stored hash argon2 cannot read', async () => {
    await expect(new PasswordHasher(1).verify('not-a-hash', 'whatever')).rejects.toThrow();
  });

  it('answers every one of many concurrent checks with its own result', async () => {
    const hasher = new PasswordHasher(2);
    const passwords = ['alpha-1', 'bravo-2', 'charlie-3'];
    const hashes = await Promise.all(passwords.map((p) => hasher.hash(p)));
    const checks = passwords.flatMap((p, i) => [
      hasher.verify(hashes[i], p),
      hasher.verify(hashes[(i + 1) % passwords.length], p),
    ]);
    expect(await Promise.all(checks)).toEqual([true, false, true, false, true, false]);
  });

  it.runIf(process.platform === 'linux')('runs on its own threads at nice 19, never more than its size, and leaves the event loop at 0', async () => {
    const before = niceByThread();
    const hasher = new PasswordHasher(2);
    const hash = await hasher.hash('pw');
    await Promise.all(Array.from({ length: 6 }, () => hasher.verify(hash, 'pw')));
    const added = [...niceByThread()].filter(([tid]) => !before.has(tid));
    expect(added.map(([, nice]) => nice)).toEqual([19, 19]);
    expect(niceByThread().get(process.pid)).toBe(0);
  });

  it('refuses work that waited for a thread longer than its deadline, as the server being busy', async () => {
    const hasher = new PasswordHasher(1, 5);
    const hash = await hasher.hash('pw');
    const results = await Promise.allSettled([hasher.verify(hash, 'pw'), hasher.verify(hash, 'pw'), hasher.verify(hash, 'pw')]);
    expect(results[0]).toEqual({ status: 'fulfilled', value: true });
    for (const refused of results.slice(1)) expect(refused).toMatchObject({ status: 'rejected', reason: { id: SERVER_BUSY_ID, statusCode: 503 } });
    expect(await hasher.verify(hash, 'pw')).toBe(true);
  });
});

describe('password checks', () => {
  afterEach(() => {
    vi.restoreAllMocks();
  });

  function checker(): { check: PasswordChecker; counted: ReturnType<typeof vi.fn>; released: ReturnType<typeof vi.fn> } {
    const counted = vi.fn(async () => true);
    const released = vi.fn(async () => undefined);
    const deps = { store: { users: { countFailedAttempt: counted, releaseFailedAttempt: released } }, config: { maximumLoginAttempts: 10 } };
    return { check: new PasswordChecker(deps as unknown as AppDeps), counted, released };
  }
  const user = (password: string): UserRecord => ({ id: 'u1', password } as UserRecord);

  it('takes back the counted attempt when the server is too busy to verify, and answers busy, not wrong', async () => {
    const { check, counted, released } = checker();
    vi.spyOn(passwordHasher, 'verify').mockRejectedValue(serverBusy());
    await expect(check.check(user('$argon2id$stored'), 'pw')).rejects.toMatchObject({ id: SERVER_BUSY_ID });
    expect(counted).toHaveBeenCalledTimes(1);
    expect(released).toHaveBeenCalledWith('u1');
  });

  it('counts a stored hash argon2 cannot read as a wrong password', async () => {
    const { check, released } = checker();
    expect(await check.check(user('not-a-hash'), 'pw')).toBe('wrong');
    expect(released).not.toHaveBeenCalled();
  });
});
