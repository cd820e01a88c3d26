import type { OAuthApp } from '@mattermost/types/integrations';
import { forbidden } from '../../../model/errors.js';
import { newId } from '../../../model/id.js';
import { AUTHORIZED_OAUTH_APP, type OAuthAppRecord } from '../../../store/integrations/oauth.js';
import type { Actor } from '../../actor.js';
import type { AppDeps } from '../../deps.js';
import type { Permissions } from '../../permissions.js';
import { appNotFound, oauthTurnedOff, registerTurnedOff } from './oauth_errors.js';
import type { OAuthGrants } from './grants.js';
import { validateAppInput, type OAuthAppInput } from './validation.js';

/** The wire form of an app; `client_secret` only for those who may manage it. */
export function presentApp(app: OAuthAppRecord, withSecret: boolean): OAuthApp & { mattermost_app_id: string } {
  return { ...app, client_secret: withSecret ? app.client_secret : '' };
}

/**
 * OAuth 2.0 client apps (`/api/v4/oauth/apps`), as Mattermost manages them: `manage_oauth` to register and manage
 * one's own, `manage_system_wide_oauth` for everyone's. Only those see an app's secret; anyone signed in sees its
 * public fields (the consent page shows them).
 */
export class OAuthAppService {
  constructor(private readonly deps: AppDeps, private readonly permissions: Permissions, private readonly grants: OAuthGrants) {}

  /** ServiceSettings.EnableOAuthServiceProvider, read at use. */
  enabled(): boolean {
    return this.deps.liveConfig.document.ServiceSettings.EnableOAuthServiceProvider === true;
  }

  private requireEnabled(): void {
    if (!this.enabled()) throw oauthTurnedOff();
  }

  private managesAll(actor: Actor): boolean {
    return this.permissions.hasSystem(actor, 'manage_system_wide_oauth');
  }

  /** manage_oauth; system-wide managers (system admins) manage apps too, whether or not their role lists the narrower permission. */
  private requireManage(actor: Actor): void {
    if (!this.permissions.hasSystem(actor, 'manage_oauth') && !this.managesAll(actor)) throw forbidden();
  }

  /** Trusted apps skip the consent page, so only those who manage every app may mark one trusted. */
  private maySetTrusted(actor: Actor): boolean {
    return this.managesAll(actor) || this.permissions.hasSystem(actor, 'manage_system');
  }

  /** The app, if the caller may manage it (its creator, or a system-wide manager). */
  private async managed(actor: Actor, appId: string): Promise<OAuthAppRecord> {
    this.requireEnabled();
    this.requireManage(actor);
    const app = await this.deps.store.oauth.getApp(appId);
    if (!app) throw appNotFound();
    if (app.creator_id !== actor.userId && !this.managesAll(actor)) throw forbidden();
    return app;
  }

  async create(actor: Actor, input: OAuthAppInput): Promise<OAuthApp> {
    if (!this.enabled()) throw registerTurnedOff();
    this.requireManage(actor);
    validateAppInput(input);
    const now = Date.now();
    const app: OAuthAppRecord = {
      ...input, id: newId(), creator_id: actor.userId, create_at: now, update_at: now, client_secret: newId(),
      is_trusted: input.is_trusted && this.maySetTrusted(actor),
    };
    await this.deps.store.oauth.createApp(app);
    return presentApp(app, true);
  }

  async list(actor: Actor, offset: number, limit: number): Promise<OAuthApp[]> {
    this.requireEnabled();
    this.requireManage(actor);
    const apps = await this.deps.store.oauth.listApps(this.managesAll(actor) ? undefined : actor.userId, offset, limit);
    return apps.map((app) => presentApp(app, true));
  }

  async get(actor: Actor, appId: string): Promise<OAuthApp> {
    return presentApp(await this.managed(actor, appId), true);
  }

  /** The public fields of any app, for any signed-in user. */
  async info(appId: string): Promise<OAuthApp> {
    this.requireEnabled();
    const app = await this.deps.store.oauth.getApp(appId);
    if (!app) throw appNotFound();
    return presentApp(app, false);
  }

  async update(actor: Actor, appId: string, input: OAuthAppInput): Promise<OAuthApp> {
    const old = await this.managed(actor, appId);
    validateAppInput(input);
    const app: OAuthAppRecord = {
      ...old, ...input, update_at: Date.now(), is_trusted: this.maySetTrusted(actor) ? input.is_trusted : old.is_trusted,
    };
    await this.deps.store.oauth.updateApp(app);
    return presentApp(app, true);
  }

  /** Deletes the app and ends every session it opened. */
  async remove(actor: Actor, appId: string): Promise<void> {
    await this.managed(actor, appId);
    await this.grants.revokeTokens(await this.deps.store.oauth.removeApp(appId));
  }

  async regenerateSecret(actor: Actor, appId: string): Promise<OAuthApp> {
    const app = { ...(await this.managed(actor, appId)), client_secret: newId(), update_at: Date.now() };
    await this.deps.store.oauth.updateApp(app);
    return presentApp(app, true);
  }

  /** The apps the user has authorized (without secrets); the user's own list, or anyone's for who may edit other users. */
  async authorizedBy(actor: Actor, userId: string, offset: number, limit: number): Promise<OAuthApp[]> {
    if (actor.userId !== userId) this.permissions.requireSystem(actor, 'edit_other_users');
    this.requireEnabled();
    const authorized = await this.deps.store.preferences.list(userId, AUTHORIZED_OAUTH_APP);
    const ids = authorized.map((p) => p.name).sort().slice(offset, offset + limit);
    const apps = await this.deps.store.oauth.getApps(ids);
    return apps.map((app) => presentApp(app, false));
  }
}
