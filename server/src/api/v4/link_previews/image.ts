import { Type } from 'typebox';
import { authenticate } from '../../auth.js';
import type { RouteModule } from '../../context.js';

const ImageQuery = Type.Object({ url: Type.String({ minLength: 1, maxLength: 4096 }) });

/** GET /image?url=: a picture from elsewhere, through the server's image proxy (or a redirect when it is off). */
export const imageProxyRoutes: RouteModule = (api, { app }) => {
  api.get('/image', { schema: { querystring: ImageQuery } }, async (request, reply) => {
    const actor = await authenticate(app, request);
    const image = await app.imageProxy.image(actor, request.query.url);
    if (image.kind === 'redirect') return reply.redirect(image.url, 302);
    return reply
      .header('Content-Type', image.contentType)
      .header('X-Content-Type-Options', 'nosniff')
      .header('Content-Disposition', 'inline')
      .header('Cache-Control', 'max-age=86400, private')
      .send(image.body);
  });
};
