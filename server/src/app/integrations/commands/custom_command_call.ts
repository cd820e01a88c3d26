import type { Command } from '@mattermost/types/integrations';
import { AppError } from '../../../model/errors.js';
import type { ChannelRecord, Team, UserRecord } from '../../../model/types.js';
import type { AppDeps } from '../../deps.js';
import { callIntegration, integrationFailure, type IntegrationAnswer } from '../integration_requests.js';
import { parseIntegrationResponse, type IntegrationResponse } from '../integration_response.js';
import type { CommandWebhooks } from './command_webhooks.js';

/** One run of a custom command. */
export interface CustomCommandRun {
  command: Command;
  user: UserRecord;
  channel: ChannelRecord;
  team: Team;
  rootId: string;
  /** What follows the trigger. */
  text: string;
  triggerId: string;
}

const failed = (trigger: string, detail: string): AppError =>
  new AppError('api.command.execute_command.failed.app_error', `Command with a trigger of '/${trigger}' failed.`, 500, detail);

/**
 * Calls a custom command's URL with Mattermost's fields (a form POST, or a GET with them in the query), the command's
 * token both as a field and as `Authorization: Token`, and a response URL for later answers. Answers its reply.
 */
export async function callCustomCommand(deps: AppDeps, webhooks: CommandWebhooks, run: CustomCommandRun): Promise<IntegrationResponse> {
  const { command } = run;
  const siteUrl = deps.config.siteUrl.replace(/\/+$/, '');
  if (siteUrl === '') {
    throw new AppError('api.command.execute_command.site_url_required.app_error', 'Custom commands need the site URL (ServiceSettings.SiteURL) to be set.', 400);
  }
  const hookId = await webhooks.issue(command.id, run.user.id, run.channel.id, run.rootId);
  const form: Record<string, string> = {
    token: command.token, team_id: run.team.id, team_domain: run.team.name, channel_id: run.channel.id, channel_name: run.channel.name,
    user_id: run.user.id, user_name: run.user.username, command: `/${command.trigger}`, text: run.text,
    response_url: `${siteUrl}/hooks/commands/${hookId}`, trigger_id: run.triggerId, root_id: run.rootId,
  };
  let answer: IntegrationAnswer;
  try {
    answer = await callIntegration(deps, { kind: 'slash_command', url: command.url, method: command.method === 'G' ? 'GET' : 'POST', form, headers: { authorization: `Token ${command.token}` } });
  } catch (err) {
    throw integrationFailure(err, 'api.command.execute_command.failed.app_error');
  }
  if (answer.status !== 200) {
    throw new AppError('api.command.execute_command.failed_resp.app_error', `Command with a trigger of '/${command.trigger}' returned response ${answer.status}.`, 500, answer.body.toString('utf8').slice(0, 1000));
  }
  const body = answer.body.toString('utf8');
  if (body.trim() === '') throw new AppError('api.command.execute_command.failed_empty.app_error', `Command with a trigger of '/${command.trigger}' returned an empty response.`, 500);
  if (answer.contentType === 'application/json' && !/^\s*\{/.test(body)) throw failed(command.trigger, 'the answer is not a JSON object');
  return parseIntegrationResponse(body, answer.contentType);
}
