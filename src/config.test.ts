import { describe, expect, it } from 'vitest';
import { parseConfig } from './config.js';

describe('configuration', () => {
  it('has working defaults', () => {
    expect(parseConfig({})).toMatchObject({ VIGIA_DB: './data/vigia.db', PORT: 8080, HOST: '127.0.0.1', VIGIA_SESSION_HOURS: 12 });
  });
  it('names every bad variable', () => {
    expect(() => parseConfig({ DATABASE_URL: 'mysql://x', PORT: 'eighty' })).toThrow(/DATABASE_URL: must be a postgres:\/\/ URL[\s\S]*PORT/);
  });
  it('reminds 3 days before a due date unless told otherwise; a negative or fractional number of days is refused', () => {
    expect(parseConfig({}).VIGIA_REMIND_DAYS).toBe(3);
    expect(parseConfig({ VIGIA_REMIND_DAYS: '0' }).VIGIA_REMIND_DAYS).toBe(0);
    for (const bad of ['-1', '1.5', 'soon']) expect(() => parseConfig({ VIGIA_REMIND_DAYS: bad }), bad).toThrow(/VIGIA_REMIND_DAYS/);
  });
  it('treats an empty variable as unset', () => {
    expect(parseConfig({ DATABASE_URL: '' }).DATABASE_URL).toBeUndefined();
  });
  it('e-mail needs a sender and the public URL beside the SMTP server', () => {
    expect(() => parseConfig({ VIGIA_SMTP_URL: 'smtp://mail.example.org:587' })).toThrow(/VIGIA_MAIL_FROM: required[\s\S]*VIGIA_PUBLIC_URL: required/);
    expect(() => parseConfig({ VIGIA_SMTP_URL: 'http://mail.example.org' })).toThrow(/VIGIA_SMTP_URL: must be an smtp/);
    // Issue 16: a URL that does not parse is refused at start-up, naming the variable.
    for (const bad of ['smtp://', 'smtp://mail.example.org:port', 'smtp://mail example.org', 'smtp://[::1']) {
      const mail = { VIGIA_SMTP_URL: bad, VIGIA_MAIL_FROM: 'vigia@example.org', VIGIA_PUBLIC_URL: 'https://vigia.example.org' };
      expect(() => parseConfig(mail), bad).toThrow(/VIGIA_SMTP_URL: does not parse/);
    }
    const ok = parseConfig({
      VIGIA_SMTP_URL: 'smtps://u:p@mail.example.org',
      VIGIA_MAIL_FROM: 'vigia@example.org',
      VIGIA_PUBLIC_URL: 'https://vigia.example.org',
    });
    expect(ok).toMatchObject({ VIGIA_MAIL_FROM: 'vigia@example.org', VIGIA_PUBLIC_URL: 'https://vigia.example.org' });
  });
});
