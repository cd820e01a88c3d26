import { randomBytes } from 'node:crypto';
import type { AppDeps } from '../deps.js';
import type { GeneratedSettingsSaver } from './generated_settings.js';

/**
 * SqlSettings.AtRestEncryptKey: the server's own secret, which Mattermost generates on first start and keeps in its
 * config. Parley signs what it hands out and must recognise later with it (trigger ids, message action cookies).
 * Generated and saved the first time it is needed, so every node then uses the same key.
 */
export class AtRestKey {
  private pending?: Promise<void>;

  constructor(private readonly deps: AppDeps, private readonly save: GeneratedSettingsSaver) {}

  async get(): Promise<string> {
    const current = this.deps.liveConfig.document.SqlSettings.AtRestEncryptKey;
    if (current) return current;
    // One generation per node, however many requests ask at once.
    this.pending ??= this.save({ SqlSettings: { AtRestEncryptKey: randomBytes(24).toString('base64url') } }).finally(() => {
      this.pending = undefined;
    });
    await this.pending;
    return this.deps.liveConfig.document.SqlSettings.AtRestEncryptKey;
  }
}
