import { forbidden } from '../../model/errors.js';
import type { Actor } from '../actor.js';
import type { Permissions } from '../permissions.js';

/**
 * Passes when the caller's system roles grant any of `permissions`: the console's reading permissions
 * (get_logs, get_analytics, the sysconsole_read_* ones) alongside manage_system, which always includes them.
 */
export function requireAnySystem(permissions: Permissions, actor: Actor, names: readonly string[]): void {
  if (!names.some((name) => permissions.hasSystem(actor, name))) throw forbidden();
}
