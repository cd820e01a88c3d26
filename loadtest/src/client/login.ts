import type { HttpClient } from './http.js';

export interface Session {
  token: string;
  userId: string;
}

/** `POST /users/login`: the session token comes back in the `Token` header, the user in the body. */
export async function login(http: HttpClient, loginId: string, password: string): Promise<Session> {
  const { response, headers } = await http.exchange('POST', '/users/login', '', { login_id: loginId, password });
  const token = headers.token;
  if (typeof token !== 'string' || token === '') throw new Error('login answered without a Token header');
  const user = JSON.parse(response.body) as { id: string };
  return { token, userId: user.id };
}
