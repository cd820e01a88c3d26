import { isObject } from '../../../config/document/paths.js';
import { sanitizeProps } from '../../posts.js';
import { normalizeAttachments, type ActionIntegration } from '../attachments.js';

/**
 * The props a post gets from an action's `update` (Mattermost's DoPostActionWithCookie): without props in the update
 * the post keeps its own; otherwise the update's, checked like any integration's (reserved keys dropped, attachments
 * validated), with the server props the post had kept and those it lacked left out. Actions the update repeats
 * without their `integration` (it saw the post as clients do) keep the one stored under the same id.
 */
export function propsAfterUpdate(
  stored: Record<string, unknown>, update: unknown, kept: { retain: Record<string, unknown>; remove: string[] }, skipSlackParsing: boolean,
): Record<string, unknown> {
  if (!isObject(update)) return stored;
  const props = sanitizeProps(update);
  if (props.attachments !== undefined) {
    const integrations = storedIntegrations(stored.attachments);
    const attachments = normalizeAttachments(props.attachments, { skipSlackParsing });
    for (const action of attachments.flatMap((a) => a.actions ?? [])) {
      action.integration ??= integrations.get(action.id);
    }
    props.attachments = attachments;
  }
  for (const key of kept.remove) delete props[key];
  return { ...props, ...kept.retain };
}

/** The integration of each stored action, by action id. Read leniently: a user's post may hold attachments of any shape. */
function storedIntegrations(attachments: unknown): Map<string, ActionIntegration> {
  const found = new Map<string, ActionIntegration>();
  if (!Array.isArray(attachments)) return found;
  for (const attachment of attachments) {
    if (!isObject(attachment) || !Array.isArray(attachment.actions)) continue;
    for (const action of attachment.actions) {
      if (isObject(action) && typeof action.id === 'string' && isObject(action.integration)) {
        found.set(action.id, action.integration as unknown as ActionIntegration);
      }
    }
  }
  return found;
}

/** The action with `id` among a stored post's attachments (with its integration), if any. */
export function findStoredAction(props: Record<string, unknown>, id: string): { type: string; data_source: string; integration?: ActionIntegration } | undefined {
  if (!Array.isArray(props.attachments)) return undefined;
  for (const attachment of props.attachments) {
    if (!isObject(attachment) || !Array.isArray(attachment.actions)) continue;
    for (const action of attachment.actions) {
      if (!isObject(action) || action.id !== id) continue;
      const integration = isObject(action.integration) && typeof action.integration.url === 'string' ? action.integration as unknown as ActionIntegration : undefined;
      return { type: typeof action.type === 'string' && action.type ? action.type : 'button', data_source: typeof action.data_source === 'string' ? action.data_source : '', integration };
    }
  }
  return undefined;
}
