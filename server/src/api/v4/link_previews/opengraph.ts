import { Type } from 'typebox';
import { badBodyParam } from '../../../model/errors.js';
import { authenticate } from '../../auth.js';
import type { RouteModule } from '../../context.js';

export const openGraphRoutes: RouteModule = (api, { app }) => {
  // The web app asks for a link's Open Graph data; the server fetches it (guarded) so the browser never calls the site.
  api.post('/opengraph', { schema: { body: Type.Object({ url: Type.String({ maxLength: 4096 }) }) } }, async (request) => {
    const actor = await authenticate(app, request);
    const { url } = request.body;
    if (!/^https?:\/\//i.test(url)) throw badBodyParam('url');
    return app.linkPreviews.openGraph(actor, url);
  });
};
