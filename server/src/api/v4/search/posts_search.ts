import type { FastifyReply } from 'fastify';
import { Type } from 'typebox';
import { MAX_SEARCH_PER_PAGE, type PostSearchPage, type PostSearchParams } from '../../../app/search/post_search.js';
import { authenticate } from '../../auth.js';
import type { RouteContext, RouteModule } from '../../context.js';
import { pathId } from '../../params.js';

// POST /teams/{team_id}/posts/search and POST /posts/search (every team), Mattermost's SearchParameter body.
// A per_page past the maximum is cut to it, as upstream does; 0 or none means the default.

const DEFAULT_PER_PAGE = 60;
/** Deep pages cost an OFFSET walk; nobody reads 10,000 pages of results. */
const MAX_PAGE = 10_000;

const SearchBody = Type.Object({
  terms: Type.String({ maxLength: 10_000 }),
  is_or_search: Type.Optional(Type.Boolean()),
  // Seconds east of UTC; real zones lie within ±14 hours.
  time_zone_offset: Type.Optional(Type.Number({ minimum: -86_400, maximum: 86_400 })),
  include_deleted_channels: Type.Optional(Type.Boolean()),
  page: Type.Optional(Type.Integer({ minimum: 0, maximum: MAX_PAGE })),
  per_page: Type.Optional(Type.Integer({ minimum: 0 })),
});
type SearchBodyType = {
  terms: string; is_or_search?: boolean; time_zone_offset?: number; include_deleted_channels?: boolean; page?: number; per_page?: number;
};

function searchParams(body: SearchBodyType): PostSearchParams {
  const perPage = body.per_page === undefined || body.per_page === 0 ? DEFAULT_PER_PAGE : Math.min(body.per_page, MAX_SEARCH_PER_PAGE);
  return {
    terms: body.terms, isOrSearch: body.is_or_search ?? false, timeZoneOffset: Math.trunc(body.time_zone_offset ?? 0),
    includeDeletedChannels: body.include_deleted_channels ?? false, page: body.page ?? 0, perPage,
  };
}

/** PostSearchResults: a PostList whose posts are already JSON, plus `matches`. */
function sendSearchResults(reply: FastifyReply, page: PostSearchPage): FastifyReply {
  const posts: string[] = [];
  for (const [id, json] of page.posts) posts.push(`${JSON.stringify(id)}:${json}`);
  return reply.type('application/json').send(`{"order":${JSON.stringify(page.order)},"posts":{${posts.join(',')}},`
    + `"matches":${JSON.stringify(page.matches)},"next_post_id":"","prev_post_id":"","has_next":${page.has_next},`
    + '"first_inaccessible_post_time":0}');
}

export const postSearchRoutes: RouteModule = (api, { app }: RouteContext) => {
  api.post('/teams/:team_id/posts/search', { schema: { params: Type.Object({ team_id: Type.String() }), body: SearchBody } }, async (request, reply) => {
    const actor = await authenticate(app, request);
    const teamId = pathId(request.params.team_id, 'team_id');
    return sendSearchResults(reply, await app.postSearch.search(actor, teamId, searchParams(request.body)));
  });

  api.post('/posts/search', { schema: { body: SearchBody } }, async (request, reply) => {
    const actor = await authenticate(app, request);
    return sendSearchResults(reply, await app.postSearch.search(actor, undefined, searchParams(request.body)));
  });
};
