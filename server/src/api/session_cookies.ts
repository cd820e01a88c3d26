import type { FastifyReply, FastifyRequest } from 'fastify';
import type { LoginResult } from '../app/identity/sign_in.js';

export const SESSION_COOKIES = ['MMAUTHTOKEN', 'MMUSERID', 'MMCSRF'] as const;

/**
 * The cookies a browser session runs on, as Mattermost sets them: the token (HttpOnly), the user id and the CSRF
 * token (read by the web app). Set by a password login from the web app and by every single sign-on.
 */
export function setSessionCookies(request: FastifyRequest, reply: FastifyReply, result: LoginResult): void {
  const maxAge = Math.floor((result.expiresAt - Date.now()) / 1000);
  // Behind a TLS-terminating proxy the socket is plain HTTP; upstream trusts X-Forwarded-Proto for this (a forged one only makes the cookie stricter).
  const secure = request.protocol === 'https' || request.headers['x-forwarded-proto'] === 'https';
  reply.setCookie('MMAUTHTOKEN', result.token, { path: '/', httpOnly: true, maxAge, secure, sameSite: 'lax' });
  reply.setCookie('MMUSERID', result.user.id, { path: '/', httpOnly: false, maxAge, secure, sameSite: 'lax' });
  reply.setCookie('MMCSRF', result.csrf, { path: '/', httpOnly: false, maxAge, secure, sameSite: 'lax' });
}

export function clearSessionCookies(reply: FastifyReply): void {
  for (const name of SESSION_COOKIES) reply.clearCookie(name, { path: '/' });
}
