import type { FastifyInstance } from 'fastify';
import type { App } from '../../app/app.js';
import { AppError } from '../../model/errors.js';

/**
 * `POST /hooks/{id}`: what services send to an incoming webhook, without signing in (the hook id is the secret),
 * outside /api/v4 where Mattermost serves it. Its own scope reads every body as text, since the body is JSON or a
 * form with a `payload` field (Slack's way) and the app decides which; the answer is `ok` in plain text as upstream's.
 */
export async function registerIncomingHookEndpoint(server: FastifyInstance, app: App): Promise<void> {
  await server.register(async (scope) => {
    scope.removeAllContentTypeParsers();
    scope.addContentTypeParser('*', { parseAs: 'string' }, (_request, body, done) => done(null, body));
    scope.post<{ Params: { hook_id: string } }>('/hooks/:hook_id', async (request, reply) => {
      const mediaType = (request.headers['content-type'] ?? '').split(';')[0].trim().toLowerCase();
      if (mediaType === 'multipart/form-data') {
        throw new AppError('api.webhook.incoming.error', 'Send the webhook payload as JSON, or as a form with a payload field.', 400);
      }
      await app.webhooks.delivery.deliver(request.params.hook_id, typeof request.body === 'string' ? request.body : '', mediaType);
      return reply.type('text/plain').send('ok');
    });
  });
}
