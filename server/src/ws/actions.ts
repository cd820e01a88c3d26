import { Type } from 'typebox';
import { Compile } from 'typebox/compile';
import { MATTERMOST_API_VERSION } from '../model/version.js';
import type { App } from '../app/app.js';
import { AppError } from '../model/errors.js';
import { isValidId } from '../model/id.js';
import type { StatusRecord } from '../model/types.js';

/** Who sent an action. */
export interface ActionContext {
  app: App;
  userId: string;
}

/** Returns the reply's `data`, or nothing for a bare OK; throws AppError for a FAIL reply. */
type ActionHandler = (ctx: ActionContext, data: unknown) => Promise<Record<string, unknown> | undefined>;

const TypingData = Compile(Type.Object({
  channel_id: Type.String({ maxLength: 26 }),
  parent_id: Type.Optional(Type.String({ maxLength: 26 })),
}));
const StatusIdsData = Compile(Type.Object({ user_ids: Type.Array(Type.String({ maxLength: 26 }), { maxItems: 1000 }) }));
const ActiveStatusData = Compile(Type.Object({ user_is_active: Type.Boolean(), manual: Type.Optional(Type.Boolean()) }));

const invalidParam = (name: string): AppError =>
  new AppError('api.websocket_handler.invalid_param.app_error', `Invalid ${name} parameter.`, 400);

const statusMap = (statuses: readonly StatusRecord[]): Record<string, string> =>
  Object.fromEntries(statuses.map((s) => [s.user_id, s.status]));

const none = async (): Promise<undefined> => undefined;

/** The client actions of the Mattermost WebSocket protocol, by name. */
const ACTIONS: Record<string, ActionHandler> = {
  ping: async () => ({ text: 'pong', version: MATTERMOST_API_VERSION, server_time: Date.now(), node_id: '' }),

  user_typing: async ({ app, userId }, data) => {
    if (!TypingData.Check(data) || !isValidId(data.channel_id)) throw invalidParam('channel_id');
    const parentId = data.parent_id ?? '';
    if (parentId !== '' && !isValidId(parentId)) throw invalidParam('parent_id');
    await app.presence.typing(userId, data.channel_id, parentId);
    return undefined;
  },

  get_statuses: async ({ app }) => statusMap(await app.statuses.listNotOffline()),

  get_statuses_by_ids: async ({ app }, data) => {
    if (!StatusIdsData.Check(data) || data.user_ids.length === 0 || !data.user_ids.every(isValidId)) throw invalidParam('user_ids');
    return statusMap(await app.statuses.getMany([...new Set(data.user_ids)]));
  },

  user_update_active_status: async ({ app, userId }, data) => {
    if (!ActiveStatusData.Check(data)) throw invalidParam('user_is_active');
    await app.presence.reportActive(userId, data.user_is_active, data.manual ?? false);
    return undefined;
  },

  // Active channel/team/thread and delivery acknowledgements only feed upstream's push and metrics logic.
  presence: none,
  posted_notify_ack: none,
};

export async function runAction(ctx: ActionContext, action: string, data: unknown): Promise<Record<string, unknown> | undefined> {
  const handler = Object.hasOwn(ACTIONS, action) ? ACTIONS[action] : undefined;
  if (!handler) throw new AppError('api.web_socket_router.bad_action.app_error', 'Unknown WebSocket action.', 400);
  return handler(ctx, data);
}
