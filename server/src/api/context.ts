import type { FastifyBaseLogger, FastifyInstance, RawReplyDefaultExpression, RawRequestDefaultExpression, RawServerDefault } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { App } from '../app/app.js';

/** The Fastify instance routes are declared on: TypeBox schemas give both validation and types. */
export type Api = FastifyInstance<RawServerDefault, RawRequestDefaultExpression, RawReplyDefaultExpression, FastifyBaseLogger, TypeBoxTypeProvider>;

export interface RouteContext {
  app: App;
  /** The X-Version-Id value, also sent in the WebSocket hello. */
  versionId: string;
}

export type RouteModule = (api: Api, ctx: RouteContext) => void;
