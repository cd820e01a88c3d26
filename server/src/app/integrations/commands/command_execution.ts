import { AppError, forbidden, notFound } from '../../../model/errors.js';
import { isValidId } from '../../../model/id.js';
import type { Actor } from '../../actor.js';
import { readableChannel } from '../../channel_rules.js';
import type { TriggerIds } from '../trigger_ids.js';
import type { BuiltinServices } from './builtin/builtin_command.js';
import { builtinCommand } from './builtin/registry.js';
import { presentCommandResponse, type CommandResponseBody, type CommandResponses } from './command_responses.js';
import type { CommandWebhooks } from './command_webhooks.js';
import { callCustomCommand } from './custom_command_call.js';

/** POST /commands/execute's body (Mattermost's CommandArgs). */
export interface CommandArgsInput {
  channel_id: string;
  /** The team a DM or GM command runs in; a team channel's own team wins over it. */
  team_id?: string;
  root_id?: string;
  /** Older clients name the thread this way. */
  parent_id?: string;
  command: string;
}

/** The longest trigger quoted back in "not found". */
const QUOTED_TRIGGER_LENGTH = 128;

const badStart = (): AppError =>
  new AppError('api.command.execute_command.start.app_error', 'A command must start with a slash and be run in a valid channel.', 400);

/**
 * Runs a slash command for a user in a channel they can read and may use commands in: a custom command of the team
 * first (when ServiceSettings.EnableCommands allows them), then a built-in. Its answers are posted (command_responses.ts);
 * the caller gets the CommandResponse, with where to go next and a trigger id for opening a dialog.
 */
export class CommandExecution {
  constructor(
    private readonly app: BuiltinServices, private readonly triggerIds: TriggerIds,
    private readonly responses: CommandResponses, private readonly webhooks: CommandWebhooks,
  ) {}

  async execute(actor: Actor, args: CommandArgsInput): Promise<CommandResponseBody> {
    const { deps, permissions } = this.app;
    if (args.command.length <= 1 || !args.command.startsWith('/') || !isValidId(args.channel_id)) throw badStart();
    const channel = await readableChannel(deps.store, permissions, actor, args.channel_id);
    if (!(await permissions.hasChannel(actor, channel, 'use_slash_commands'))) throw forbidden();
    if (channel.delete_at > 0) throw new AppError('api.command.execute_command.deleted.error', 'Commands cannot be run in an archived channel.', 400);
    // A team channel's commands are its team's, so a command of another team cannot be run against this one.
    const teamId = channel.type === 'D' || channel.type === 'G' ? args.team_id ?? '' : channel.team_id;
    if (!isValidId(teamId)) throw badStart();
    const team = await deps.store.teams.get(teamId);
    if (!team || team.delete_at > 0) throw notFound('team');
    if (!(await permissions.hasTeam(actor, teamId, 'view_team'))) throw forbidden();
    const user = await deps.store.users.get(actor.userId);
    if (!user) throw notFound('user');

    const space = args.command.search(/\s/);
    const trigger = (space < 0 ? args.command : args.command.slice(0, space)).slice(1).toLowerCase();
    const message = space < 0 ? '' : args.command.slice(space + 1);
    const rootId = args.root_id || args.parent_id || '';
    if (rootId !== '' && !isValidId(rootId)) throw badStart();
    const triggerId = await this.triggerIds.issue(actor.userId);
    const place = { actor, channelId: channel.id, rootId };

    const custom = deps.liveConfig.document.ServiceSettings.EnableCommands ? await deps.store.commands.getByTrigger(teamId, trigger) : undefined;
    if (custom) {
      const response = await callCustomCommand(deps, this.webhooks, { command: custom, user, channel, team, rootId, text: message, triggerId });
      await this.responses.post(place, response, { builtIn: false, trigger, username: custom.username, iconUrl: custom.icon_url });
      return presentCommandResponse(response, triggerId);
    }
    const builtin = builtinCommand(trigger);
    if (!builtin) {
      const quoted = trigger.length > QUOTED_TRIGGER_LENGTH ? `${trigger.slice(0, QUOTED_TRIGGER_LENGTH)}...` : trigger;
      throw new AppError('api.command.execute_command.not_found.app_error', `Command with a trigger of '/${quoted}' not found.`, 404);
    }
    const siteUrl = deps.config.siteUrl.replace(/\/+$/, '');
    const reply = await builtin.run({ app: this.app, actor, user, channel, team, rootId, message, siteUrl });
    const response = { ...reply, text: reply.text ?? '' };
    await this.responses.post(place, response, { builtIn: true });
    return presentCommandResponse(response, triggerId);
  }
}
