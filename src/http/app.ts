import { randomUUID } from 'node:crypto';
import type { Writable } from 'node:stream';
import fastifyCookie from '@fastify/cookie';
import fastifyHelmet from '@fastify/helmet';
import fastifySwagger from '@fastify/swagger';
import fastifySwaggerUi from '@fastify/swagger-ui';
import Fastify, {
  type FastifyError,
  type FastifyInstance,
  type FastifyReply,
  type FastifyRequest,
  type RouteOptions,
} from 'fastify';
import {
  hasZodFastifySchemaValidationErrors,
  jsonSchemaTransform,
  serializerCompiler,
  validatorCompiler,
  type ZodTypeProvider,
} from 'fastify-type-provider-zod';
import {
  type FieldError,
  internalProblem,
  type Problem,
  ProblemError,
  problem,
  validationProblem,
} from './problem.js';

declare module 'fastify' {
  interface FastifyInstance {
    /** Every route as registered, for the test that walks them all. */
    registeredRoutes: RouteOptions[];
  }
  interface FastifyReply {
    problem(problem: Problem): FastifyReply;
  }
  interface FastifyContextConfig {
    /** The permission action this route performs (`topic.verb`); required unless `public`. */
    action?: string;
    /** A route anyone may call (login, health, the public portal). */
    public?: boolean;
    /** Reachable while the second factor is still to be given (the login steps themselves). */
    beforeSecondFactor?: boolean;
  }
}

export type HttpOptions = {
  logLevel: string;
  trustProxy: boolean;
  /** Where log lines go; tests pass a stream to read what was logged. */
  logStream?: Writable;
};

// Personal data must never reach a log line: requests are logged by method, path and id only
// (no query strings, headers or bodies), and errors without driver details (pg's `detail` quotes
// the offending values).
const serializers = {
  req: (request: FastifyRequest) => ({
    id: request.id,
    method: request.method,
    path: request.url.split('?')[0],
  }),
  res: (reply: { statusCode: number }) => ({ statusCode: reply.statusCode }),
  err: (error: FastifyError & { constraint?: string }) => ({
    type: error.name,
    code: error.code,
    constraint: error.constraint,
    message: error.message,
    stack: error.stack ?? '',
  }),
};

export const personalFieldPaths = [
  'name',
  'fullName',
  'displayName',
  'email',
  'password',
  'phone',
  'address',
  'dateOfBirth',
];

export function createHttpApp(options: HttpOptions): FastifyInstance {
  const app = Fastify({
    logger: {
      level: options.logLevel,
      serializers,
      redact: { paths: personalFieldPaths.flatMap((path) => [path, `*.${path}`]), censor: '[redacted]' },
      ...(options.logStream ? { stream: options.logStream } : {}),
    },
    genReqId: () => randomUUID(),
    requestIdHeader: false,
    trustProxy: options.trustProxy,
    bodyLimit: 1024 * 1024,
    routerOptions: { ignoreTrailingSlash: true },
  }).withTypeProvider<ZodTypeProvider>();

  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);

  app.decorateReply('problem', function (this: FastifyReply, body: Problem) {
    return this.code(body.status).type('application/problem+json').send(body);
  });
  app.addHook('onSend', async (request, reply) => {
    reply.header('x-request-id', request.id);
  });

  setProblemErrorHandler(app as unknown as FastifyInstance);
  app.decorate('registeredRoutes', [] as RouteOptions[]);
  app.addHook('onRoute', (route) => {
    (app as unknown as FastifyInstance).registeredRoutes.push(route as RouteOptions);
  });
  app.register(fastifyCookie);
  app.register(fastifyHelmet, {
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'"],
        imgSrc: ["'self'", 'data:'],
        fontSrc: ["'self'"],
        connectSrc: ["'self'"],
        objectSrc: ["'none'"],
        frameAncestors: ["'none'"],
        baseUri: ["'self'"],
        formAction: ["'self'"],
      },
    },
    crossOriginEmbedderPolicy: false,
    referrerPolicy: { policy: 'no-referrer' },
  });
  return app as unknown as FastifyInstance;
}

/** The OpenAPI 3.1 document at /api/openapi.json and its page at /api/docs. */
export function registerApiDocs(app: FastifyInstance, version: string) {
  app.register(fastifySwagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'Palermo API',
        version,
        description:
          'The API of Palermo, a national anti-trafficking platform. Errors are RFC 9457 problem+json. ' +
          'State-changing requests need the session cookie and the x-csrf-token header.',
      },
    },
    transform: jsonSchemaTransform,
  });
  app.register(fastifySwaggerUi, { routePrefix: '/api/docs', staticCSP: true });
  app.get('/api/openapi.json', { config: { public: true }, schema: { hide: true } }, async () =>
    app.swagger(),
  );
}

function setProblemErrorHandler(app: FastifyInstance) {
  app.setErrorHandler((error: FastifyError, request, reply) => {
    if (error instanceof ProblemError) return reply.problem(error.problem);
    if (hasZodFastifySchemaValidationErrors(error)) {
      const context = error.validationContext ?? 'body';
      const errors: FieldError[] = error.validation.flatMap((issue) => {
        const at = `/${context}${issue.instancePath}`.replace(/\/$/, '');
        // An unknown field is named itself, so the client sees which key to remove.
        if (issue.keyword === 'unrecognized_keys')
          return ((issue.params as { keys?: string[] }).keys ?? []).map((key) => ({
            pointer: `${at}/${key}`,
            detail: 'This field is not allowed',
          }));
        return [{ pointer: at, detail: issue.message ?? 'Not valid' }];
      });
      return reply.problem(validationProblem(errors));
    }
    if (error.code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE')
      return reply.problem(
        problem('/problems/unsupported-media-type', {
          status: 415,
          title: 'Send the request as application/json',
        }),
      );
    if (
      error.code === 'FST_ERR_CTP_EMPTY_JSON_BODY' ||
      error instanceof SyntaxError ||
      error.code === 'FST_ERR_CTP_INVALID_CONTENT_LENGTH'
    )
      return reply.problem(validationProblem([{ pointer: '/body', detail: 'The body is not valid JSON' }]));
    if (error.code === 'FST_ERR_CTP_BODY_TOO_LARGE')
      return reply.problem(
        problem('/problems/too-large', { status: 413, title: 'The request body is too large' }),
      );
    if (error.statusCode && error.statusCode >= 400 && error.statusCode < 500)
      return reply.problem(
        problem('/problems/bad-request', {
          status: error.statusCode,
          title: 'The request cannot be handled',
        }),
      );
    request.log.error({ err: error }, 'request failed');
    return reply.problem(internalProblem(request.id));
  });
}

export type App = FastifyInstance;
