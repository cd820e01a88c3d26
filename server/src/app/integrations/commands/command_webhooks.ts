import { AppError } from '../../../model/errors.js';
import { isValidId, newId } from '../../../model/id.js';
import { actorForUser } from '../../actor.js';
import type { AppDeps } from '../../deps.js';
import { parseIntegrationResponse } from '../integration_response.js';
import { commandsDisabled } from './command_rules.js';
import type { CommandResponses } from './command_responses.js';

/** How long a command's integration may answer later on its response URL, and how often (Mattermost's limits). */
const RESPONSE_URL_LIFETIME_MS = 30 * 60_000;
const RESPONSE_URL_MAX_USES = 5;
/** How often expired response URLs are swept (on the next issue after this long). */
const SWEEP_EVERY_MS = 10 * 60_000;

const missingHook = (): AppError => new AppError('app.command_webhook.get.missing', 'The response URL does not exist or has expired.', 404);

/**
 * Response URLs (`/hooks/commands/{id}`): a custom command's integration answers on one later, up to five times
 * within thirty minutes, and each answer is posted where the command ran, as the user who ran it.
 */
export class CommandWebhooks {
  private lastSweep = 0;

  constructor(private readonly deps: AppDeps, private readonly responses: CommandResponses) {}

  /** A new response URL's id for one run of the command. */
  async issue(commandId: string, userId: string, channelId: string, rootId: string): Promise<string> {
    const now = Date.now();
    const id = newId();
    await this.deps.store.commands.createWebhook({ id, create_at: now, command_id: commandId, user_id: userId, channel_id: channelId, root_id: rootId, use_count: 0 });
    if (now - this.lastSweep > SWEEP_EVERY_MS) {
      this.lastSweep = now;
      this.deps.store.commands.removeWebhooksBefore(now - RESPONSE_URL_LIFETIME_MS)
        .catch((err: unknown) => this.deps.log.warn({ err }, 'expired command response URLs could not be removed'));
    }
    return id;
  }

  /** An answer on a response URL: the body is a CommandResponse (JSON) or the message itself (text). */
  async answer(hookId: string, body: string, contentType: string): Promise<void> {
    if (!this.deps.liveConfig.document.ServiceSettings.EnableCommands) throw commandsDisabled();
    if (!isValidId(hookId)) throw missingHook();
    const hook = await this.deps.store.commands.getWebhook(hookId, Date.now() - RESPONSE_URL_LIFETIME_MS);
    if (!hook) throw missingHook();
    const [command, user] = await Promise.all([this.deps.store.commands.get(hook.command_id), this.deps.store.users.get(hook.user_id)]);
    if (!command || !user || user.delete_at > 0) throw missingHook();
    if (body.trim() === '') throw new AppError('web.command_webhook.parse.app_error', 'The answer is empty.', 400);
    const response = parseIntegrationResponse(body, contentType);
    if (!(await this.deps.store.commands.useWebhook(hook.id, RESPONSE_URL_MAX_USES))) {
      throw new AppError('app.command_webhook.try_use.invalid', `A response URL takes at most ${RESPONSE_URL_MAX_USES} answers.`, 400);
    }
    await this.responses.post({ actor: actorForUser(user), channelId: hook.channel_id, rootId: hook.root_id }, response, {
      builtIn: false, trigger: command.trigger, username: command.username, iconUrl: command.icon_url,
    });
  }
}
