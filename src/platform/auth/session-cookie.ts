/** The session cookie: HttpOnly, SameSite=Lax, path `/`, Secure behind TLS, lifetime of the session. */
import type { FastifyReply } from 'fastify';
import type { Config } from '../../config';
import { SESSION_COOKIE } from './sessions';

export function secureCookies(config: Pick<Config, 'trustProxy' | 'publicUrl'>): boolean {
  return config.trustProxy || config.publicUrl.startsWith('https://');
}

export function setSessionCookie(reply: FastifyReply, config: Config, token: string, ttlHours: number) {
  reply.setCookie(SESSION_COOKIE, token, {
    path: '/',
    httpOnly: true,
    sameSite: 'lax',
    secure: secureCookies(config),
    maxAge: Math.round(ttlHours * 3600),
  });
}

export function clearSessionCookie(reply: FastifyReply, config: Config) {
  reply.clearCookie(SESSION_COOKIE, { path: '/', httpOnly: true, sameSite: 'lax', secure: secureCookies(config) });
}
