import { describe, expect, it } from 'vitest';
import { parseConfig } from './config.js';

describe('configuration', () => {
  it('has working defaults', () => {
    expect(parseConfig({})).toMatchObject({ VIGIA_DB: './data/vigia.db', PORT: 8080, HOST: '127.0.0.1', VIGIA_SESSION_HOURS: 12 });
  });
  it('names every bad variable', () => {
    expect(() => parseConfig({ DATABASE_URL: 'mysql://x', PORT: 'eighty' })).toThrow(/DATABASE_URL: must be a postgres:\/\/ URL[\s\S]*PORT/);
  });
  it('treats an empty variable as unset', () => {
    expect(parseConfig({ DATABASE_URL: '' }).DATABASE_URL).toBeUndefined();
  });
});
