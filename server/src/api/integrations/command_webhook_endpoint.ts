import type { FastifyInstance } from 'fastify';
import type { App } from '../../app/app.js';

/** The most an answer on a response URL may carry (Mattermost reads integration answers up to this size too). */
const BODY_LIMIT = 1024 * 1024;

/**
 * `POST /hooks/commands/{id}`: a custom command's integration answering later on the response URL it was given
 * (outside /api/v4, where Mattermost serves it; no session: the unguessable id is the credential, limited in time
 * and uses). The body is a CommandResponse in JSON or, with any other type, the message itself, so it is read as
 * text here rather than by the API's JSON parser.
 */
export async function registerCommandWebhookRoute(server: FastifyInstance, app: App): Promise<void> {
  await server.register(async (scope) => {
    scope.removeAllContentTypeParsers();
    scope.addContentTypeParser('*', { parseAs: 'string', bodyLimit: BODY_LIMIT }, (_request, body, done) => done(null, body));
    scope.post<{ Params: { id: string }; Body: string | undefined }>('/hooks/commands/:id', async (request, reply) => {
      const contentType = (request.headers['content-type'] ?? '').split(';')[0].trim().toLowerCase();
      await app.slashCommands.webhooks.answer(request.params.id, request.body ?? '', contentType);
      return reply.type('text/plain').send('ok');
    });
  });
}
