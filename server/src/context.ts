/**
 * What every module may import about the running application, apart from the app itself (app.ts imports every
 * module's routes, so a module importing app.ts would close a cycle; ESLint forbids it): the typed Fastify
 * instance, the injected context of the use cases, and the signed-in user of a request.
 */
import type { FastifyBaseLogger, FastifyInstance, RawServerDefault } from 'fastify';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { Db } from './db/client.ts';
import type { Sealer } from './security/sealer.ts';
import type { PersonHasher } from './security/person-hash.ts';
import type { CurrentUser } from './modules/auth/current-user.ts';
import { unauthenticated } from './plugins/errors.ts';

export type App = FastifyInstance<RawServerDefault, IncomingMessage, ServerResponse, FastifyBaseLogger, TypeBoxTypeProvider>;

/** What every use case may need, injected once (no container). `now` is the only clock. */
export interface AppContext {
  db: Db;
  now: () => Date;
  sealer: Sealer;
  /** Keyed hash of a denouncer, stored beside the sealed box for repeat detection (ADR 0011). */
  personHasher: PersonHasher;
}

declare module 'fastify' {
  interface FastifyRequest {
    currentUser: CurrentUser | null;
  }
  interface FastifyContextConfig {
    /** The route needs no signed-in user (login, agency list, health). */
    public?: boolean;
  }
}

export function requireUser(request: { currentUser: CurrentUser | null }): CurrentUser {
  if (!request.currentUser) throw unauthenticated();
  return request.currentUser;
}

