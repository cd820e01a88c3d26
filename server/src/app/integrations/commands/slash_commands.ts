import type { IntegrationPosts } from '../integration_posts.js';
import type { TriggerIds } from '../trigger_ids.js';
import type { BuiltinServices } from './builtin/builtin_command.js';
import { CommandAutocomplete } from './command_autocomplete.js';
import { CommandExecution } from './command_execution.js';
import { CommandResponses } from './command_responses.js';
import { CommandService } from './command_service.js';
import { CommandWebhooks } from './command_webhooks.js';

/** Slash commands: custom commands' management, running any command, its autocomplete, and response URLs. */
export class SlashCommands {
  readonly commands: CommandService;
  readonly execution: CommandExecution;
  readonly autocomplete: CommandAutocomplete;
  readonly webhooks: CommandWebhooks;

  constructor(app: BuiltinServices & { integrationPosts: IntegrationPosts; triggerIds: TriggerIds }) {
    const responses = new CommandResponses(app.deps, app.posts, app.integrationPosts);
    this.commands = new CommandService(app.deps, app.permissions);
    this.webhooks = new CommandWebhooks(app.deps, responses);
    this.execution = new CommandExecution(app, app.triggerIds, responses, this.webhooks);
    this.autocomplete = new CommandAutocomplete(app.permissions, this.commands);
  }
}
