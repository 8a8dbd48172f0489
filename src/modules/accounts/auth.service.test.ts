import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createTestDb, type TestDb } from '../../../test/helpers/test-db.js';
import { createUser, resetPassword } from './users.service.js';
import { authenticate, createApiToken, defaultAuthSettings, revokeApiToken, signIn, signOut } from './auth.service.js';
import { SignInLimiter } from './rate-limit.js';
import { isVigiaError } from '../../core/errors.js';

let t: TestDb;
const PASSWORD = 'correct horse battery';
beforeAll(async () => {
  t = await createTestDb();
  await createUser(t.db, { email: 'Officer@Example.org', name: 'Olga Officer', role: 'officer', password: PASSWORD }, null);
});
afterAll(() => t.destroy());

describe('accounts and sign-in', () => {
  it('stores only a scrypt hash, never the password, and never returns the hash', async () => {
    const row = await t.db.selectFrom('app_user').selectAll().where('email', '=', 'officer@example.org').executeTakeFirstOrThrow();
    expect(row.password_hash).toMatch(/^scrypt\$32768\$8\$1\$/);
    expect(row.password_hash).not.toContain(PASSWORD);
    const log = vi.spyOn(console, 'log');
    const err = vi.spyOn(console, 'error');
    const { user } = await signIn(t.db, defaultAuthSettings(), 'officer@example.org', PASSWORD, 'c1');
    expect(JSON.stringify(user)).not.toContain('scrypt');
    expect(Object.keys(user)).not.toContain('password_hash');
    const printed = [...log.mock.calls, ...err.mock.calls].flat().join(' ');
    expect(printed).not.toContain(PASSWORD);
    log.mockRestore();
    err.mockRestore();
    const audit = await t.db.selectFrom('audit_event').select(['before', 'after']).execute();
    expect(JSON.stringify(audit)).not.toContain(PASSWORD);
    expect(JSON.stringify(audit)).not.toContain('scrypt$');
  });

  it('refuses a wrong password, and rate-limits after five failures even for the right one', async () => {
    const s = defaultAuthSettings({ limiter: new SignInLimiter() });
    for (let i = 0; i < 5; i++) {
      const e = await signIn(t.db, s, 'officer@example.org', 'wrong password!', 'c2').catch((x: unknown) => x);
      expect(isVigiaError(e) && e.message).toBe('wrong email or password');
    }
    const limited = await signIn(t.db, s, 'officer@example.org', PASSWORD, 'c2').catch((x: unknown) => x);
    expect(isVigiaError(limited) && limited.details[0]?.reason).toBe('rate_limited');
  });

  it('the limit is kept in the database: it holds across limiters (server processes) sharing it', async () => {
    await t.db.deleteFrom('sign_in_failure').execute();
    const first = defaultAuthSettings({ limiter: new SignInLimiter() });
    const second = defaultAuthSettings({ limiter: new SignInLimiter() });
    for (let i = 0; i < 5; i++) await signIn(t.db, i % 2 ? first : second, 'officer@example.org', 'wrong password!', 'c7').catch(() => undefined);
    const limited = await signIn(t.db, first, 'officer@example.org', PASSWORD, 'c8').catch((x: unknown) => x);
    expect(isVigiaError(limited) && limited.details[0]?.reason).toBe('rate_limited');
    await expect(signIn(t.db, defaultAuthSettings(), 'officer@example.org', PASSWORD, 'c9')).rejects.toThrow(/too many/);
    await t.db.deleteFrom('sign_in_failure').execute();
  });

  it('the limit lifts once the window has passed', async () => {
    let now = Date.now();
    const limiter = new SignInLimiter({ accountFreeFailures: 2, accountBaseDelayMs: 60_000 }, () => now);
    const s = defaultAuthSettings({ limiter });
    for (let i = 0; i < 2; i++) await signIn(t.db, s, 'officer@example.org', 'nope nope nope', 'c3').catch(() => undefined);
    await expect(signIn(t.db, s, 'officer@example.org', PASSWORD, 'c3')).rejects.toThrow(/too many/);
    now += 61_000;
    await expect(signIn(t.db, s, 'officer@example.org', PASSWORD, 'c3')).resolves.toMatchObject({ user: { role: 'officer' } });
  });

  it('a session works until it expires or the user signs out', async () => {
    let clock = new Date('2026-01-01T00:00:00Z');
    const s = defaultAuthSettings({ sessionHours: 1, now: () => clock });
    const { sessionSecret, user } = await signIn(t.db, s, 'officer@example.org', PASSWORD, 'c4');
    expect((await authenticate(t.db, s, { sessionSecret }))?.user.id).toBe(user.id);
    clock = new Date('2026-01-01T00:59:00Z');
    expect(await authenticate(t.db, s, { sessionSecret })).not.toBeNull();
    clock = new Date('2026-01-01T01:00:01Z');
    expect(await authenticate(t.db, s, { sessionSecret })).toBeNull();
    clock = new Date('2026-01-01T00:10:00Z');
    const second = await signIn(t.db, s, 'officer@example.org', PASSWORD, 'c4');
    await signOut(t.db, second.sessionSecret, user.id);
    expect(await authenticate(t.db, s, { sessionSecret: second.sessionSecret })).toBeNull();
    expect(await authenticate(t.db, s, { sessionSecret: 'vgs_forged' })).toBeNull();
  });

  it('API tokens are shown once, stored hashed, expire and can be revoked', async () => {
    let clock = new Date('2026-02-01T00:00:00Z');
    const s = defaultAuthSettings({ now: () => clock });
    const { user } = await signIn(t.db, s, 'officer@example.org', PASSWORD, 'c5');
    const { token, info } = await createApiToken(t.db, s, user.id, 'nightly export', 2);
    expect(token).toMatch(/^vgt_/);
    const stored = await t.db.selectFrom('api_token').select('token_hash').where('id', '=', info.id).executeTakeFirstOrThrow();
    expect(stored.token_hash).not.toContain(token);
    expect((await authenticate(t.db, s, { bearer: token }))?.via).toBe('token');
    clock = new Date('2026-02-03T00:00:01Z');
    expect(await authenticate(t.db, s, { bearer: token })).toBeNull();
    clock = new Date('2026-02-01T00:00:00Z');
    await revokeApiToken(t.db, s, user, info.id);
    expect(await authenticate(t.db, s, { bearer: token })).toBeNull();
  });

  it('a password reset ends existing sessions and the old password stops working', async () => {
    await createUser(t.db, { email: 'p@example.org', name: 'P', role: 'analyst', password: 'first password' }, null);
    const s = defaultAuthSettings();
    const { sessionSecret } = await signIn(t.db, s, 'p@example.org', 'first password', 'c6');
    const fresh = await resetPassword(t.db, 'p@example.org', null);
    expect(await authenticate(t.db, s, { sessionSecret })).toBeNull();
    await expect(signIn(t.db, s, 'p@example.org', 'first password', 'c6')).rejects.toThrow(/wrong/);
    await expect(signIn(t.db, s, 'p@example.org', fresh, 'c6')).resolves.toBeTruthy();
  });

  it('bad user input is refused with every problem named', async () => {
    const e = await createUser(t.db, { email: 'nope', name: '', role: 'king', password: 'short' }, null).catch((x: unknown) => x);
    expect(isVigiaError(e) && e.details.map((d) => d.column)).toEqual(['email', 'name', 'role', 'password']);
    const partner = await createUser(t.db, { email: 'x@example.org', name: 'X', role: 'partner' }, null).catch((x: unknown) => x);
    expect(isVigiaError(partner) && partner.details.map((d) => d.column)).toEqual(['organisation']);
  });
});
