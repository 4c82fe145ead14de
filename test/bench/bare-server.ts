/**
 * The HTTP baseline: a bare Fastify process answering with a fixed JSON body of the size the
 * measured route returns. app rate ÷ bare rate says how much of the budget our code uses.
 * argv[2]: port, argv[3]: body size in bytes.
 */
import Fastify from 'fastify';

const port = Number(process.argv[2]);
const size = Number(process.argv[3] ?? 2000);
const body = JSON.stringify({ items: 'x'.repeat(Math.max(0, size - 14)) });
const app = Fastify({ logger: false });
app.get('/*', async (_req, reply) => reply.header('content-type', 'application/json').send(body));
app.post('/*', async (_req, reply) => reply.status(201).header('content-type', 'application/json').send(body));
await app.listen({ port, host: '127.0.0.1' });
process.stdout.write(`ready ${port}\n`);
