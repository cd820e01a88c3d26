import type { AutocompleteSuggestion, Command } from '@mattermost/types/integrations';
import { badParam } from '../../../model/errors.js';
import type { Actor } from '../../actor.js';
import type { Permissions } from '../../permissions.js';
import { builtinCommand } from './builtin/registry.js';
import type { CommandService } from './command_service.js';

const suggestion = (complete: string, shown: string, hint: string, description: string): AutocompleteSuggestion =>
  ({ Complete: complete, Suggestion: shown, Hint: hint, Description: description, IconData: '' });

/**
 * The composer's command autocomplete (Mattermost's shapes): the commands a team member may run, and, once a command
 * is typed, the shapes of its arguments (a built-in's fixed choices, or its hint).
 */
export class CommandAutocomplete {
  constructor(private readonly permissions: Permissions, private readonly commands: CommandService) {}

  /** The built-ins and the team's custom commands that ask to be in the autocomplete. */
  async commandsOf(actor: Actor, teamId: string): Promise<Command[]> {
    await this.permissions.requireTeam(actor, teamId, 'view_team');
    return this.commands.autocompleteList(teamId);
  }

  /** Suggestions for what the user has typed (`/ec`, `/status a`). */
  async suggestions(actor: Actor, teamId: string, userInput: string): Promise<AutocompleteSuggestion[]> {
    if (userInput === '') throw badParam('user_input');
    const commands = (await this.commandsOf(actor, teamId)).sort((a, b) => a.trigger.localeCompare(b.trigger));
    const input = userInput.startsWith('/') ? userInput.slice(1) : userInput;
    const space = input.indexOf(' ');
    if (space < 0) {
      const typed = input.toLowerCase();
      return commands.filter((c) => c.trigger.startsWith(typed)).map((c) => suggestion(c.trigger, c.trigger, c.auto_complete_hint, c.auto_complete_desc));
    }
    const trigger = input.slice(0, space).toLowerCase();
    const command = commands.find((c) => c.trigger === trigger);
    if (!command) return [];
    const parsed = input.slice(0, space + 1);
    const rest = input.slice(space + 1).trimStart();
    const choices = builtinCommand(trigger)?.arguments;
    if (choices) {
      // Once a choice is typed in full, there is nothing more to suggest.
      if (choices.some((choice) => rest.toLowerCase().startsWith(`${choice.complete} `))) return [];
      return choices.filter((choice) => choice.complete.startsWith(rest.toLowerCase()))
        .map((choice) => suggestion(`${parsed}${choice.complete}`, choice.complete, choice.hint, choice.description));
    }
    if (rest === '' && command.auto_complete_hint !== '') return [suggestion(parsed, '', command.auto_complete_hint, command.auto_complete_desc)];
    return [];
  }
}
