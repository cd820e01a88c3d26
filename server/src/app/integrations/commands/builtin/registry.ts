import type { BuiltinCommand } from './builtin_command.js';
import { inviteCommand, joinCommand, kickCommand, leaveCommand, removeMemberCommand } from './channel_membership_commands.js';
import { headerCommand, muteCommand, purposeCommand, renameCommand } from './channel_property_commands.js';
import { collapseCommand, expandCommand, helpCommand, logoutCommand, searchCommand, settingsCommand } from './client_commands.js';
import { groupMsgCommand, msgCommand } from './direct_message_commands.js';
import { codeCommand, echoCommand, meCommand, shrugCommand } from './message_commands.js';
import { awayCommand, dndCommand, offlineCommand, onlineCommand, showStatusCommand } from './status_commands.js';

/** Every built-in command, in the order the autocomplete lists them. */
export const BUILTIN_COMMANDS: readonly BuiltinCommand[] = [
  awayCommand, codeCommand, collapseCommand, dndCommand, echoCommand, expandCommand, groupMsgCommand, headerCommand, helpCommand,
  inviteCommand, joinCommand, kickCommand, leaveCommand, logoutCommand, meCommand, msgCommand, muteCommand, offlineCommand,
  onlineCommand, purposeCommand, removeMemberCommand, renameCommand, searchCommand, settingsCommand, shrugCommand, showStatusCommand,
].sort((a, b) => a.trigger.localeCompare(b.trigger));

const BY_TRIGGER = new Map(BUILTIN_COMMANDS.map((command) => [command.trigger, command]));

export const builtinCommand = (trigger: string): BuiltinCommand | undefined => BY_TRIGGER.get(trigger);
