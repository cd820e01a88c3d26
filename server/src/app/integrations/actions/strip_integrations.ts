import { isObject } from '../../../config/document/paths.js';

/**
 * A post's props as clients may see them: the actions of its attachments without `integration` (the URL and the
 * context an integration keeps private; Mattermost's StripActionIntegrations). Props without actions are returned
 * as they are, so the common post costs one property check.
 */
export function withoutActionIntegrations(props: Record<string, unknown>): Record<string, unknown> {
  const attachments = props.attachments;
  if (!Array.isArray(attachments) || !attachments.some(hasIntegration)) return props;
  return {
    ...props,
    attachments: attachments.map((attachment: unknown) => {
      if (!hasIntegration(attachment)) return attachment;
      const { actions, ...rest } = attachment as { actions: unknown[] };
      return { ...rest, actions: actions.map(withoutIntegration) };
    }),
  };
}

function hasIntegration(attachment: unknown): boolean {
  if (!isObject(attachment) || !Array.isArray(attachment.actions)) return false;
  return attachment.actions.some((action) => isObject(action) && 'integration' in action);
}

function withoutIntegration(action: unknown): unknown {
  if (!isObject(action) || !('integration' in action)) return action;
  const { integration: _integration, ...rest } = action;
  return rest;
}
