import { Type } from 'typebox';
import { MAX_FILE_SEARCH_PER_PAGE, type FileSearchParams } from '../../../app/files/file_search.js';
import { badParam } from '../../../model/errors.js';
import { authenticate } from '../../auth.js';
import type { RouteModule } from '../../context.js';
import { pathId } from '../../params.js';

// POST /teams/{team_id}/files/search and POST /files/search (every team), Mattermost's SearchParameter body.

const DEFAULT_PER_PAGE = 60;
/** Deep pages cost an OFFSET walk. */
const MAX_PAGE = 10_000;

const SearchBody = Type.Object({
  terms: Type.String({ maxLength: 10_000 }),
  is_or_search: Type.Optional(Type.Boolean()),
  // Seconds east of UTC; real zones lie within ±14 hours.
  time_zone_offset: Type.Optional(Type.Number({ minimum: -86_400, maximum: 86_400 })),
  include_deleted_channels: Type.Optional(Type.Boolean()),
  page: Type.Optional(Type.Integer({ minimum: 0, maximum: MAX_PAGE })),
  per_page: Type.Optional(Type.Integer({ minimum: 0 })),
  modifier: Type.Optional(Type.String({ maxLength: 32 })),
});
type SearchBodyType = {
  terms: string; is_or_search?: boolean; time_zone_offset?: number; include_deleted_channels?: boolean; page?: number; per_page?: number; modifier?: string;
};

function searchParams(body: SearchBodyType): FileSearchParams {
  if (body.terms.trim() === '') throw badParam('terms');
  if (body.modifier !== undefined && !['', 'files', 'messages'].includes(body.modifier)) throw badParam('modifier');
  const perPage = body.per_page === undefined || body.per_page === 0 ? DEFAULT_PER_PAGE : Math.min(body.per_page, MAX_FILE_SEARCH_PER_PAGE);
  return {
    terms: body.terms, isOrSearch: body.is_or_search ?? false, timeZoneOffset: Math.trunc(body.time_zone_offset ?? 0),
    includeDeletedChannels: body.include_deleted_channels ?? false, page: body.page ?? 0, perPage,
  };
}

export const fileSearchRoutes: RouteModule = (api, { app }) => {
  api.post('/teams/:team_id/files/search', { schema: { params: Type.Object({ team_id: Type.String() }), body: SearchBody } }, async (request, reply) => {
    const actor = await authenticate(app, request);
    const teamId = pathId(request.params.team_id, 'team_id');
    reply.header('Cache-Control', 'no-cache, no-store, must-revalidate');
    return app.fileSearch.search(actor, teamId, searchParams(request.body));
  });

  api.post('/files/search', { schema: { body: SearchBody } }, async (request, reply) => {
    const actor = await authenticate(app, request);
    reply.header('Cache-Control', 'no-cache, no-store, must-revalidate');
    return app.fileSearch.search(actor, undefined, searchParams(request.body));
  });
};
