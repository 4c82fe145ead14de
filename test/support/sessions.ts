/**
 * Signs a test browser in without the sign-in pages: a session row is created directly (second
 * factor done) and its token put in the agent's cookie jar, as the login flow would.
 */
import { createSession } from '../../src/platform/auth/sessions';
import type { Database } from '../../src/platform/db/client';
import { TestAgent } from './platform';
import type { FastifyInstance } from 'fastify';

export async function signIn(agent: TestAgent, db: Database, userId: string): Promise<string> {
  const token = await createSession(db, userId, { secondFactorDone: true, ttlHours: 1 });
  agent.cookies.set('nq57_session', token);
  return token;
}

/** A new agent already signed in as the user. */
export async function agentFor(app: FastifyInstance, db: Database, userId: string): Promise<TestAgent> {
  const agent = new TestAgent(app);
  await signIn(agent, db, userId);
  return agent;
}
