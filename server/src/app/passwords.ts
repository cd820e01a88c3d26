import { randomBytes } from 'node:crypto';
import { loginFailures, passwordHashDuration } from '../metrics/registry.js';
import { AppError } from '../model/errors.js';
import type { UserRecord } from '../model/types.js';
import type { AppDeps } from './deps.js';
import { passwordHasher } from './password_hasher.js';

export type PasswordCheck = 'ok' | 'wrong' | 'locked';

export const accountLocked = (): AppError =>
  new AppError('api.user.check_user_login_attempts.too_many.app_error',
    'Your account is locked because of too many failed password attempts. Please reset your password.', 401);

/** argon2id with the library's parameters, for every stored password (and the decoy below), on the hashing threads. */
export async function hashPassword(password: string): Promise<string> {
  const stop = passwordHashDuration.startTimer({ operation: 'hash' });
  try {
    return await passwordHasher.hash(password);
  } finally {
    stop();
  }
}

async function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
  const stop = passwordHashDuration.startTimer({ operation: 'verify' });
  try {
    return await passwordHasher.verify(passwordHash, password);
  } catch (err) {
    // A refusal (the server too busy to verify) is not a wrong password; a hash argon2 cannot read is.
    if (err instanceof AppError) throw err;
    return false;
  } finally {
    stop();
  }
}

/**
 * Password checks that cannot be brute-forced (ServiceSettings.MaximumLoginAttempts) and whose time does not tell
 * whether the account exists.
 */
export class PasswordChecker {
  /** Verified against when there is no real hash, so that path costs one argon2 verification like the others. */
  private readonly decoy = hashPassword(randomBytes(32).toString('base64url'));

  constructor(private readonly deps: AppDeps) {}

  /**
   * Checks `password` against the user's (`undefined`: no such user). The attempt is counted before the password
   * is verified, so concurrent guesses, on any node, stop at the maximum; the caller clears the count once every
   * factor passed. A locked account is refused even with the right password until an admin resets it.
   */
  async check(user: UserRecord | undefined, password: string): Promise<PasswordCheck> {
    const stored = user?.password ?? '';
    const admitted = user !== undefined && stored !== ''
      && await this.deps.store.users.countFailedAttempt(user.id, this.deps.config.maximumLoginAttempts);
    let matches: boolean;
    try {
      matches = await verifyPassword(stored !== '' ? stored : await this.decoy, password);
    } catch (err) {
      // Not verified, so not an attempt: a user retrying while the server is too busy must not lock themselves out.
      if (admitted) await this.deps.store.users.releaseFailedAttempt(user.id);
      throw err;
    }
    if (user === undefined || stored === '') return refused('wrong');
    if (!admitted) return refused('locked');
    if (!matches) return refused('wrong');
    return 'ok';
  }
}

function refused(reason: Exclude<PasswordCheck, 'ok'>): PasswordCheck {
  loginFailures.inc({ reason });
  return reason;
}
