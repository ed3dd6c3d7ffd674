/**
 * The HTTP floor of the intake bench (issue 13, item 10): the least any write route costs on this machine. A bare
 * Fastify 5 server (the platform's own framework, logger off) with one route that reads a JSON body checked by a
 * schema, runs the raw one-row INSERT of the floor on a pg pool, and answers 201 with a small JSON. No sign-in, no
 * audit, no counters, no index: whatever createPetition does more is on top of this line.
 *
 *   DATABASE_URL=… tsx scripts/bench-http-floor-server.ts   → prints "listening <url>" on stdout
 */
import Fastify from 'fastify';
import pg from 'pg';

const pool = new pg.Pool({ connectionString: process.env.DATABASE_URL, max: 10 });
const app = Fastify({ logger: false });
app.post(
  '/insert',
  {
    schema: {
      body: {
        type: 'object',
        required: ['agency', 'content'],
        properties: { agency: { type: 'string', maxLength: 20 }, content: { type: 'string', maxLength: 10000 } },
      },
    },
  },
  async (request, reply) => {
    const body = request.body as { agency: string; content: string };
    const { rows } = await pool.query<{ id: string }>('insert into bench_floor (v) values ($1) returning id', [`${body.agency} ${body.content.length}`]);
    return reply.code(201).send({ id: rows[0]!.id });
  },
);
const url = await app.listen({ host: '127.0.0.1', port: 0 });
console.log(`listening ${url}`);
process.on('SIGTERM', () => void app.close().then(() => pool.end()).then(() => process.exit(0)));
