import { isObject } from '../../../config/document/paths.js';
import type { SubmitDialogResponse } from '@mattermost/types/integrations';
import { badBodyParam } from '../../../model/errors.js';
import { makeEvent } from '../../../model/events.js';
import type { Actor } from '../../actor.js';
import { readableChannel } from '../../channel_rules.js';
import type { AppDeps } from '../../deps.js';
import type { Permissions } from '../../permissions.js';
import { answerJson } from '../integration_requests.js';
import type { TriggerIds } from '../trigger_ids.js';
import { postToIntegration } from './action_requests.js';
import { isHttpUrl, validDialog } from './dialog_validation.js';

/** An integration's request to show a dialog (Mattermost's OpenDialogRequest, unchecked). */
export interface OpenDialogInput {
  trigger_id: string;
  url: string;
  dialog: unknown;
}

/** What a client submits (Mattermost's SubmitDialogRequest); the submitter is always the caller. */
export interface DialogSubmissionInput {
  url: string;
  callback_id?: string;
  state?: string;
  channel_id?: string;
  team_id?: string;
  submission?: Record<string, unknown>;
  cancelled?: boolean;
}

/**
 * Interactive dialogs: an integration holding a fresh trigger id opens a dialog for the user whose click or command
 * gave it that id; the user's client submits the dialog here, and the server passes it to the integration's URL.
 */
export class InteractiveDialogs {
  constructor(private readonly deps: AppDeps, private readonly permissions: Permissions, private readonly triggerIds: TriggerIds) {}

  /** Needs no session: the trigger id names the user and proves the integration was just asked by them. */
  async open(input: OpenDialogInput): Promise<void> {
    const userId = await this.triggerIds.userOf(input.trigger_id);
    if (!isHttpUrl(input.url)) throw badBodyParam('url');
    const dialog = validDialog(input.dialog);
    const request = { trigger_id: this.triggerIds.clientIdOf(input.trigger_id), url: input.url, dialog };
    this.deps.bus.publish(makeEvent('open_dialog', { dialog: JSON.stringify(request) }, { user_id: userId }));
  }

  /** Answers the integration's field errors (or its error) for the dialog to show, or nothing when it accepted. */
  async submit(actor: Actor, input: DialogSubmissionInput): Promise<SubmitDialogResponse> {
    if (!isHttpUrl(input.url)) throw badBodyParam('url');
    const channelId = input.channel_id ?? '';
    const teamId = input.team_id ?? '';
    await readableChannel(this.deps.store, this.permissions, actor, channelId);
    if (teamId) await this.permissions.requireTeam(actor, teamId, 'view_team');
    const answer = await postToIntegration(this.deps, 'dialog', input.url, {
      type: 'dialog_submission', callback_id: input.callback_id ?? '', state: input.state ?? '', user_id: actor.userId,
      channel_id: channelId, team_id: teamId, submission: input.submission ?? {}, cancelled: input.cancelled === true,
    });
    return dialogResponse(answerJson(answer));
  }
}

/** The parts of the integration's answer a client acts on; an empty or unreadable answer accepts, as in Mattermost. */
function dialogResponse(json: unknown): SubmitDialogResponse {
  if (!isObject(json)) return {};
  const response: SubmitDialogResponse = {};
  if (typeof json.error === 'string' && json.error !== '') response.error = json.error;
  if (isObject(json.errors)) {
    const errors = Object.fromEntries(Object.entries(json.errors).filter((entry): entry is [string, string] => typeof entry[1] === 'string'));
    if (Object.keys(errors).length > 0) response.errors = errors;
  }
  return response;
}
