import { AppError } from '../../../model/errors.js';
import type { AppDeps } from '../../deps.js';
import { callIntegration, integrationFailure, type IntegrationAnswer, type IntegrationKind } from '../integration_requests.js';

/** Mattermost's error id for every failed call to an action's or a dialog's integration. */
export const ACTION_FAILED = 'api.post.do_action.action_integration.app_error';

/** Posts JSON to an action's or a dialog's URL; anything but a 200 is Mattermost's 400, as is an unreachable URL. */
export async function postToIntegration(deps: AppDeps, kind: IntegrationKind, url: string, json: Record<string, unknown>): Promise<IntegrationAnswer> {
  let answer: IntegrationAnswer;
  try {
    answer = await callIntegration(deps, { kind, url, json });
  } catch (err) {
    throw integrationFailure(err, ACTION_FAILED);
  }
  if (answer.status !== 200) throw new AppError(ACTION_FAILED, `The integration answered with status ${answer.status}.`, 400);
  return answer;
}
