import type { Actor } from '../actor.js';
import type { Permissions } from '../permissions.js';
import { requireAnySystem } from './system_permission.js';

/** Upstream's PluginsResponse: Parley runs no server plugins (yet), so both lists are empty. */
export interface PluginsResponse {
  active: never[];
  inactive: never[];
}

/** The console's plugin management page. */
export class PluginService {
  constructor(private readonly permissions: Permissions) {}

  list(actor: Actor): PluginsResponse {
    requireAnySystem(this.permissions, actor, ['sysconsole_read_plugins', 'manage_system']);
    return { active: [], inactive: [] };
  }
}
