import { AppError } from '../../../model/errors.js';

// The errors the webhook services share, with Mattermost's ids.

export const incomingDisabled = (): AppError =>
  new AppError('api.incoming_webhook.disabled.app_error', 'Incoming webhooks have been disabled by the system admin.', 501);

export const outgoingDisabled = (): AppError =>
  new AppError('api.outgoing_webhook.disabled.app_error', 'Outgoing webhooks have been disabled by the system admin.', 501);

export const teamMismatch = (): AppError =>
  new AppError('api.webhook.team_mismatch.app_error', 'Unable to move a webhook to another team.', 400);

export const invalidIncoming = (field: string, message: string): AppError =>
  new AppError(`model.incoming_hook.${field}.app_error`, message, 400);

export const invalidOutgoing = (field: string, message: string): AppError =>
  new AppError(`model.outgoing_hook.is_valid.${field}.app_error`, message, 400);
