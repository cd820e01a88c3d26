import type { Command } from '@mattermost/types/integrations';
import { AppError } from '../../../model/errors.js';
import { isHttpUrl } from '../actions/dialog_validation.js';
import type { BuiltinCommand } from './builtin/builtin_command.js';
import { builtinCommand } from './builtin/registry.js';

/** The team permissions over custom commands (Mattermost's manage_own / manage_others slash commands). */
export const MANAGE_OWN_COMMANDS = 'manage_slash_commands';
export const MANAGE_OTHERS_COMMANDS = 'manage_others_slash_commands';

const MAX_TRIGGER_LENGTH = 128;
const MAX_URL_LENGTH = 1024;

export const commandsDisabled = (): AppError =>
  new AppError('api.command.disabled.app_error', 'Custom slash commands have been disabled by the system admin (ServiceSettings.EnableCommands).', 501);

/** Also what a caller without the right to see a command gets, so its existence does not leak. */
export const commandNotFound = (): AppError => new AppError('store.sql_command.save.get.app_error', 'The command was not found.', 404);

const invalid = (field: string, message: string): AppError => new AppError(`model.command.is_valid.${field}.app_error`, message, 400);

/** The fields of a command its owner writes, checked. */
export type CommandFields = Pick<Command, 'trigger' | 'method' | 'username' | 'icon_url' | 'auto_complete' | 'auto_complete_desc'
  | 'auto_complete_hint' | 'display_name' | 'description' | 'url'>;

/** Those fields as a client sends them. */
export type CommandFieldsInput = Omit<CommandFields, 'method'> & { method: string };

/** Checks a command's fields (Mattermost's Command.IsValid, with bounds on every stored field); the trigger is lower-cased. */
export function validCommandFields(fields: CommandFieldsInput): CommandFields {
  const trigger = fields.trigger.toLowerCase();
  if (trigger.length < 1 || trigger.length > MAX_TRIGGER_LENGTH || trigger.startsWith('/') || /\s/.test(trigger)) {
    throw invalid('trigger', `The trigger must be 1 to ${MAX_TRIGGER_LENGTH} characters, without spaces and not starting with a slash.`);
  }
  if (fields.url === '' || fields.url.length > MAX_URL_LENGTH) throw invalid('url', `The URL must be given, at most ${MAX_URL_LENGTH} characters.`);
  if (!isHttpUrl(fields.url)) throw invalid('url_http', 'The URL must be an http or https address.');
  if (fields.method !== 'P' && fields.method !== 'G') throw invalid('method', 'The method must be P (POST) or G (GET).');
  if (fields.display_name.length > 64) throw invalid('display_name', 'The title must be at most 64 characters.');
  if (fields.description.length > 128) throw invalid('description', 'The description must be at most 128 characters.');
  if (fields.username.length > 64) throw invalid('username', 'The response username must be at most 64 characters.');
  if (fields.icon_url.length > MAX_URL_LENGTH) throw invalid('icon_url', `The response icon URL must be at most ${MAX_URL_LENGTH} characters.`);
  if (fields.auto_complete_desc.length > 1024 || fields.auto_complete_hint.length > 1024) {
    throw invalid('autocomplete_data', 'The autocomplete description and hint must be at most 1024 characters each.');
  }
  return { ...fields, trigger, method: fields.method };
}

/** A built-in trigger cannot be taken by a custom command. */
export function requireFreeOfBuiltins(trigger: string): void {
  if (builtinCommand(trigger)) throw new AppError('api.command.duplicate_trigger.app_error', `The trigger /${trigger} is a built-in command.`, 400);
}

/** A built-in in the Command shape of the command lists (sanitized: no token, URL or creator, as in Mattermost). */
export function builtinAsCommand(builtin: BuiltinCommand): Command {
  return {
    id: '', token: '', create_at: 0, update_at: 0, delete_at: 0, creator_id: '', team_id: '', trigger: builtin.trigger, method: '',
    username: '', icon_url: '', auto_complete: true, auto_complete_desc: builtin.description, auto_complete_hint: builtin.hint,
    display_name: builtin.displayName, description: '', url: '',
  };
}

/** A custom command as others see it in the autocomplete list: without its token or URL. */
export function sanitizedCommand(command: Command): Command {
  return { ...command, token: '', creator_id: '', method: '', url: '', username: '', icon_url: '' };
}
