import type { FastifyReply } from 'fastify';
import { Type } from 'typebox';
import type { PostSearchPage } from '../../../app/search/post_search.js';
import { authenticate } from '../../auth.js';
import type { RouteContext, RouteModule } from '../../context.js';
import { pathId } from '../../params.js';
import { SEARCH_BODY_FIELDS, searchParams } from './search_body.js';

// POST /teams/{team_id}/posts/search and POST /posts/search (every team).

const SearchBody = Type.Object(SEARCH_BODY_FIELDS);

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
