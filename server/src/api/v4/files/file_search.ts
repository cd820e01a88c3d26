import { Type } from 'typebox';
import type { SearchParams } from '../../../app/search/search_scope.js';
import { badParam } from '../../../model/errors.js';
import { authenticate } from '../../auth.js';
import type { RouteModule } from '../../context.js';
import { pathId } from '../../params.js';
import { SEARCH_BODY_FIELDS, searchParams, type SearchBodyType } from '../search/search_body.js';

// POST /teams/{team_id}/files/search and POST /files/search (every team), Mattermost's SearchParameter body.

const FileSearchBody = Type.Object({ ...SEARCH_BODY_FIELDS, modifier: Type.Optional(Type.String({ maxLength: 32 })) });

/** The search, less what file search refuses: blank terms, and a modifier other than Mattermost's. */
function fileSearchParams(body: SearchBodyType & { modifier?: string }): SearchParams {
  if (body.terms.trim() === '') throw badParam('terms');
  if (body.modifier !== undefined && !['', 'files', 'messages'].includes(body.modifier)) throw badParam('modifier');
  return searchParams(body);
}

export const fileSearchRoutes: RouteModule = (api, { app }) => {
  api.post('/teams/:team_id/files/search', { schema: { params: Type.Object({ team_id: Type.String() }), body: FileSearchBody } }, async (request, reply) => {
    const actor = await authenticate(app, request);
    const teamId = pathId(request.params.team_id, 'team_id');
    reply.header('Cache-Control', 'no-cache, no-store, must-revalidate');
    return app.fileSearch.search(actor, teamId, fileSearchParams(request.body));
  });

  api.post('/files/search', { schema: { body: FileSearchBody } }, async (request, reply) => {
    const actor = await authenticate(app, request);
    reply.header('Cache-Control', 'no-cache, no-store, must-revalidate');
    return app.fileSearch.search(actor, undefined, fileSearchParams(request.body));
  });
};
