import type { Command } from '@mattermost/types/integrations';
import { AppError, forbidden, notFound } from '../../../model/errors.js';
import { isValidId, newId } from '../../../model/id.js';
import { actorForUser, type Actor } from '../../actor.js';
import type { AppDeps } from '../../deps.js';
import type { Permissions } from '../../permissions.js';
import { BUILTIN_COMMANDS } from './builtin/registry.js';
import {
  builtinAsCommand, commandNotFound, commandsDisabled, MANAGE_OTHERS_COMMANDS, MANAGE_OWN_COMMANDS, requireFreeOfBuiltins,
  sanitizedCommand, validCommandFields, type CommandFieldsInput,
} from './command_rules.js';

/** A new command as the API takes it. */
export type NewCommand = CommandFieldsInput & { team_id: string; creator_id?: string };

/**
 * Custom slash commands of a team: created and managed by members holding manage_slash_commands (their own) and
 * manage_others_slash_commands (everyone's). Off entirely when ServiceSettings.EnableCommands is false. A command
 * the caller may not manage is "not found", so ids do not reveal what exists in other teams.
 */
export class CommandService {
  constructor(private readonly deps: AppDeps, private readonly permissions: Permissions) {}

  private requireEnabled(): void {
    if (!this.deps.liveConfig.document.ServiceSettings.EnableCommands) throw commandsDisabled();
  }

  async create(actor: Actor, input: NewCommand): Promise<Command> {
    this.requireEnabled();
    if (!isValidId(input.team_id)) throw new AppError('model.command.is_valid.team_id.app_error', 'A valid team_id is required.', 400);
    await this.permissions.requireTeam(actor, input.team_id, MANAGE_OWN_COMMANDS);
    let creatorId = actor.userId;
    if (input.creator_id && input.creator_id !== actor.userId) {
      await this.permissions.requireTeam(actor, input.team_id, MANAGE_OTHERS_COMMANDS);
      const creator = await this.deps.store.users.get(input.creator_id);
      if (!creator || creator.delete_at > 0) throw notFound('user');
      creatorId = creator.id;
    }
    const fields = validCommandFields(input);
    await this.requireUniqueTrigger(input.team_id, fields.trigger, '');
    const now = Date.now();
    const command: Command = { ...fields, id: newId(), token: newId(), create_at: now, update_at: now, delete_at: 0, creator_id: creatorId, team_id: input.team_id };
    await this.deps.store.commands.create(command);
    return command;
  }

  /** One command, to whoever may manage it; to anyone else it is not found. */
  async get(actor: Actor, id: string): Promise<Command> {
    return this.manageable(actor, id, true);
  }

  /**
   * A team's commands. `customOnly`: the custom commands the caller manages. Otherwise the built-ins and those custom
   * commands, or, for a member who manages none, what the autocomplete lists.
   */
  async list(actor: Actor, teamId: string, customOnly: boolean): Promise<Command[]> {
    await this.permissions.requireTeam(actor, teamId, 'view_team');
    const managesOwn = await this.permissions.hasTeam(actor, teamId, MANAGE_OWN_COMMANDS);
    if (customOnly) {
      this.requireEnabled();
      if (!managesOwn) throw forbidden();
      return this.managedBy(actor, teamId);
    }
    if (!managesOwn) return this.autocompleteList(teamId);
    const custom = this.deps.liveConfig.document.ServiceSettings.EnableCommands ? await this.managedBy(actor, teamId) : [];
    return [...BUILTIN_COMMANDS.map(builtinAsCommand), ...custom];
  }

  /** What the autocomplete offers in a team: built-ins and the team's custom commands marked for autocomplete. */
  async autocompleteList(teamId: string): Promise<Command[]> {
    const custom = this.deps.liveConfig.document.ServiceSettings.EnableCommands ? await this.deps.store.commands.listByTeam(teamId) : [];
    return [...BUILTIN_COMMANDS.map(builtinAsCommand), ...custom.filter((c) => c.auto_complete).map(sanitizedCommand)];
  }

  async update(actor: Actor, id: string, input: CommandFieldsInput & { team_id?: string }): Promise<Command> {
    const existing = await this.manageable(actor, id);
    if (input.team_id !== undefined && input.team_id !== existing.team_id) {
      throw new AppError('api.command.team_mismatch.app_error', 'A command cannot change team here; move it instead.', 400);
    }
    const fields = validCommandFields(input);
    await this.requireUniqueTrigger(existing.team_id, fields.trigger, existing.id);
    const updated: Command = { ...existing, ...fields, update_at: Date.now() };
    await this.deps.store.commands.update(updated);
    return updated;
  }

  /** Moves a command to another team the caller (and its creator) may manage commands in. */
  async move(actor: Actor, id: string, teamId: string): Promise<void> {
    this.requireEnabled();
    if (!isValidId(teamId) || !(await this.deps.store.teams.get(teamId))) throw notFound('team');
    await this.permissions.requireTeam(actor, teamId, MANAGE_OWN_COMMANDS);
    const command = await this.manageable(actor, id);
    const creator = await this.deps.store.users.get(command.creator_id);
    const creatorMay = creator !== undefined && creator.delete_at === 0
      && await this.permissions.hasTeam(actorForUser(creator), teamId, MANAGE_OWN_COMMANDS);
    if (!creatorMay) {
      throw new AppError('api.command.move_command.creator_no_permission.app_error', 'The command\'s creator may not manage commands in that team.', 400);
    }
    await this.requireUniqueTrigger(teamId, command.trigger, command.id);
    await this.deps.store.commands.update({ ...command, team_id: teamId, update_at: Date.now() });
  }

  async regenerateToken(actor: Actor, id: string): Promise<Command> {
    const command = await this.manageable(actor, id);
    const updated: Command = { ...command, token: newId(), update_at: Date.now() };
    await this.deps.store.commands.update(updated);
    return updated;
  }

  async remove(actor: Actor, id: string): Promise<void> {
    const command = await this.manageable(actor, id);
    await this.deps.store.commands.remove(command.id, Date.now());
  }

  /**
   * The command, if the caller may manage it: their own with manage_slash_commands, anyone's with the others
   * permission. A member who may only manage their own is refused another's (or told it is not found, for reads).
   */
  private async manageable(actor: Actor, id: string, hideOthers = false): Promise<Command> {
    this.requireEnabled();
    const command = await this.deps.store.commands.get(id);
    if (!command || !(await this.permissions.hasTeam(actor, command.team_id, MANAGE_OWN_COMMANDS))) throw commandNotFound();
    if (command.creator_id !== actor.userId && !(await this.permissions.hasTeam(actor, command.team_id, MANAGE_OTHERS_COMMANDS))) {
      throw hideOthers ? commandNotFound() : forbidden();
    }
    return command;
  }

  private async managedBy(actor: Actor, teamId: string): Promise<Command[]> {
    const commands = await this.deps.store.commands.listByTeam(teamId);
    if (await this.permissions.hasTeam(actor, teamId, MANAGE_OTHERS_COMMANDS)) return commands;
    return commands.filter((c) => c.creator_id === actor.userId);
  }

  private async requireUniqueTrigger(teamId: string, trigger: string, exceptId: string): Promise<void> {
    requireFreeOfBuiltins(trigger);
    const taken = await this.deps.store.commands.getByTrigger(teamId, trigger);
    if (taken && taken.id !== exceptId) throw new AppError('api.command.duplicate_trigger.app_error', `The trigger /${trigger} is already used in this team.`, 400);
  }
}
