import { Type } from 'typebox';
import { badBodyParam } from '../../../model/errors.js';
import { isValidId } from '../../../model/id.js';
import { authenticate } from '../../auth.js';
import type { RouteModule } from '../../context.js';
import { OK } from '../../params.js';

/** Mattermost's device ids are `platform:token`; tokens of the push services are well under this. */
const DeviceId = Type.String({ maxLength: 512 });

export const notificationRoutes: RouteModule = (api, { app }) => {
  // The mobile app names the device its session's pushes go to ('' detaches it).
  api.put('/users/sessions/device', { schema: { body: Type.Object({ device_id: DeviceId }) } }, async (request) => {
    const actor = await authenticate(app, request);
    const deviceId = request.body.device_id.trim();
    if (deviceId !== '' && !/^[A-Za-z0-9_-]+:[\x21-\x7e]+$/.test(deviceId)) throw badBodyParam('device_id');
    await app.notifications.attachDevice(actor, deviceId);
    return OK;
  });

  // The app acknowledges a push; for an id-loaded one it gets the content the push left out.
  api.post('/notifications/ack', {
    schema: {
      body: Type.Object({
        id: Type.Optional(Type.String({ maxLength: 64 })), post_id: Type.Optional(Type.String({ maxLength: 64 })),
        platform: Type.Optional(Type.String({ maxLength: 64 })), server_id: Type.Optional(Type.String({ maxLength: 1024 })),
        type: Type.Optional(Type.String({ maxLength: 64 })), is_id_loaded: Type.Optional(Type.Boolean()),
        received_at: Type.Optional(Type.Number()),
      }),
    },
  }, async (request) => {
    const actor = await authenticate(app, request);
    const ack = request.body;
    if (!ack.is_id_loaded) return OK;
    const postId = ack.post_id ?? ack.id ?? '';
    if (!isValidId(postId)) throw badBodyParam('post_id');
    return app.notifications.acknowledge(actor, postId);
  });
};
