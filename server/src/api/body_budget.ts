import type { FastifyInstance } from 'fastify';
import { requestBodiesRefused } from '../metrics/registry.js';
import { AppError } from '../model/errors.js';

const serverBusy = (): AppError =>
  new AppError('api.context.request_bodies_in_flight.app_error', 'The server is receiving too much at once. Please try again shortly.', 429);

/**
 * Bounds the request bodies the server receives at once. Each body is capped (`bodyLimit`) and read whole before its
 * route runs, so a thousand clients sending 1 MiB each would otherwise hold a gigabyte. A request's declared length
 * (the cap, for a chunked one) is reserved when it arrives and given back when its response is done or its
 * connection goes; a request that does not fit is answered 429 with Retry-After before its body is read (the load
 * comes from clients, and no client input may earn a 5xx).
 */
export function registerBodyBudget(server: FastifyInstance, options: { maxBytesInFlight: number; bodyLimit: number }): void {
  let inFlight = 0;
  server.addHook('onRequest', async (request, reply) => {
    const declared = request.headers['transfer-encoding'] ? options.bodyLimit : Number(request.headers['content-length'] ?? 0);
    // A length past the body limit is refused (413) when parsing starts; until then it holds as much as the limit.
    const bytes = Number.isFinite(declared) && declared > 0 ? Math.min(declared, options.bodyLimit) : 0;
    if (bytes === 0) return;
    if (inFlight + bytes > options.maxBytesInFlight) {
      requestBodiesRefused.inc();
      reply.header('Retry-After', '1');
      throw serverBusy();
    }
    inFlight += bytes;
    reply.raw.once('close', () => {
      inFlight -= bytes;
    });
  });
}
