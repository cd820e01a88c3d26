import { Type } from 'typebox';
import { badUrlParam } from '../../../model/errors.js';
import { authenticate } from '../../auth.js';
import type { RouteModule } from '../../context.js';
import { OK, pathId } from '../../params.js';

const ActionParams = Type.Object({ post_id: Type.String(), action_id: Type.String() });
const ActionBody = Type.Object({
  selected_option: Type.Optional(Type.String({ maxLength: 4096 })), cookie: Type.Optional(Type.String({ maxLength: 65_536 })),
});
const OpenDialogBody = Type.Object({
  trigger_id: Type.String({ maxLength: 1024 }), url: Type.String({ maxLength: 2048 }), dialog: Type.Unknown(),
});
const SubmitDialogBody = Type.Object({
  url: Type.String({ maxLength: 2048 }), callback_id: Type.Optional(Type.String({ maxLength: 1024 })),
  state: Type.Optional(Type.String({ maxLength: 65_536 })), user_id: Type.Optional(Type.String({ maxLength: 64 })),
  channel_id: Type.Optional(Type.String({ maxLength: 64 })), team_id: Type.Optional(Type.String({ maxLength: 64 })),
  submission: Type.Optional(Type.Record(Type.String({ maxLength: 300 }), Type.Unknown())), cancelled: Type.Optional(Type.Boolean()),
  type: Type.Optional(Type.String({ maxLength: 64 })),
});

/** Message actions and interactive dialogs (Mattermost's api4/integration_action.go). */
export const actionRoutes: RouteModule = (api, { app }) => {
  api.post('/posts/:post_id/actions/:action_id', { schema: { params: ActionParams, body: ActionBody } }, async (request) => {
    const actor = await authenticate(app, request);
    const actionId = request.params.action_id;
    if (!/^[A-Za-z0-9]{1,64}$/.test(actionId)) throw badUrlParam('action_id');
    return app.postActions.run(actor, pathId(request.params.post_id, 'post_id'), actionId, request.body);
  });

  // No session: the trigger id, which only the server can issue, names the user.
  api.post('/actions/dialogs/open', { schema: { body: OpenDialogBody } }, async (request) => {
    await app.dialogs.open(request.body);
    return OK;
  });

  api.post('/actions/dialogs/submit', { schema: { body: SubmitDialogBody } }, async (request) => {
    const actor = await authenticate(app, request);
    return app.dialogs.submit(actor, request.body);
  });
};
