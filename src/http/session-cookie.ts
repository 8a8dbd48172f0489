/**
 * The name of the session cookie: set by the sign-in route (modules/accounts) and read by the
 * server's auth middleware, so it lives with the HTTP helpers both use.
 */
export const SESSION_COOKIE = 'vigia_session';
