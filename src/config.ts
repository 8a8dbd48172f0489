/**
 * Vigia's configuration: environment variables, parsed once at start-up. Anything wrong stops
 * the process with a message that names the variable.
 */
import { z } from 'zod';

const schema = z.object({
  /** PostgreSQL connection URL (`postgres://user:pass@host:5432/db`). When unset, Vigia uses the embedded SQLite file. */
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'must be a postgres:// URL')
    .optional(),
  /** Path of the embedded SQLite database file; created on first use. */
  VIGIA_DB: z.string().min(1).default('./data/vigia.db'),
  /**
   * SQLite's `synchronous` setting (WAL mode). NORMAL, the default, syncs the write-ahead log
   * only at checkpoints: after a power loss or an operating-system crash the last transactions
   * committed before it may be gone, but the database stays consistent (a crash of Vigia alone
   * loses nothing). FULL syncs the log at every commit, so a commit that was answered survives a
   * power loss too, at the cost of one disk flush per write; EXTRA also syncs the directory.
   */
  VIGIA_SQLITE_SYNCHRONOUS: z.enum(['NORMAL', 'FULL', 'EXTRA']).default('NORMAL'),
  /**
   * Milliseconds a write waits for the database's write lock (held by another writer: an
   * import's transaction, another worker process) before it is refused as busy (HTTP 503 +
   * Retry-After). Long enough to wait behind a 200,000-row import on SQLite; on PostgreSQL it
   * is the lock_timeout and the wait for a pooled connection. Default 30,000.
   */
  VIGIA_WRITE_WAIT_MS: z.coerce.number().int().min(100).max(600_000).default(30_000),
  /** TCP port of the HTTP server. */
  PORT: z.coerce.number().int().min(0).max(65_535).default(8080),
  /** Interface the HTTP server listens on; loopback unless you mean to expose it. */
  HOST: z.string().min(1).default('127.0.0.1'),
  /** Hours a sign-in session lasts. */
  VIGIA_SESSION_HOURS: z.coerce
    .number()
    .min(0.1)
    .max(24 * 30)
    .default(12),
  /** Days a personal API token lasts unless its creator asks for fewer. */
  VIGIA_TOKEN_DAYS: z.coerce.number().int().min(1).max(366).default(90),
  /** "true" behind a TLS-terminating proxy: session cookies are then always marked Secure. */
  VIGIA_SECURE_COOKIES: z.enum(['true', 'false']).default('false'),
  /**
   * HTTP server processes for `vigia serve` (node:cluster). 1 serves in the one process; more
   * use more CPU cores: the primary migrates and loads the demo once, then starts the workers,
   * which share the port and the database (SQLite in WAL mode: readers run side by side).
   */
  VIGIA_WORKERS: z.coerce.number().int().min(1).max(64).default(1),
  /** Largest request body the API accepts, in bytes (uploads included). */
  VIGIA_MAX_BODY_BYTES: z.coerce
    .number()
    .int()
    .min(1024)
    .max(1024 ** 3)
    .default(10 * 1024 * 1024),
  /**
   * Most bytes an uploaded ZIP (an XLSX workbook) may expand to, all entries together. Checked
   * on the declared sizes before anything is parsed, and again on the bytes actually inflated;
   * over it the import is refused (HTTP 413, CLI exit 2). Default 100 MiB.
   */
  VIGIA_MAX_UNZIPPED_BYTES: z.coerce
    .number()
    .int()
    .min(1024 * 1024)
    .max(16 * 1024 ** 3)
    .default(100 * 1024 * 1024),
  /** Most entries (files) an uploaded ZIP/XLSX may hold; a workbook has a few dozen. Default 10,000. */
  VIGIA_MAX_ZIP_ENTRIES: z.coerce.number().int().min(10).max(1_000_000).default(10_000),
  /**
   * Largest compression ratio (expanded : compressed) of an entry of an uploaded ZIP/XLSX that
   * expands past 1 MiB. Real workbooks compress 5 to 30 times; a bomb 1,000 times. Default 200.
   */
  VIGIA_MAX_ZIP_RATIO: z.coerce.number().min(2).max(1032).default(200),
  /**
   * Days before a report's due date (in the program's reporting calendar) its organisation's
   * clerks are reminded, once, when nothing is submitted yet; 0 reminds only on the day. An
   * overdue report is reminded once to its clerks and the officers. Default 3.
   */
  VIGIA_REMIND_DAYS: z.coerce.number().int().min(0).max(90).default(3),
  /**
   * The SMTP server Vigia sends e-mail through (`smtp://user:pass@host:587`, STARTTLS when the
   * server offers it; `smtps://…:465` for TLS from the start). With VIGIA_MAIL_FROM and
   * VIGIA_PUBLIC_URL it turns on "forgot password" and e-mailed notifications; unset, there is
   * no e-mail (notifications stay in the in-app inbox) and no such link.
   */
  VIGIA_SMTP_URL: z
    .string()
    .regex(/^smtps?:\/\//, 'must be an smtp:// or smtps:// URL')
    .refine(isSmtpUrl, 'does not parse as an SMTP URL with a host (smtp://user:pass@host:587)')
    .optional(),
  /** The From address of Vigia's e-mails, e.g. `Vigia <vigia@example.org>`; required with VIGIA_SMTP_URL. */
  VIGIA_MAIL_FROM: z.string().min(3).optional(),
  /** The public base URL of the web app (`https://vigia.example.org`), for links in e-mails; required with VIGIA_SMTP_URL. */
  VIGIA_PUBLIC_URL: z
    .string()
    .regex(/^https?:\/\/[^/]+/, 'must be an http:// or https:// URL')
    .optional(),
});

export type Config = z.infer<typeof schema>;

/** True when `s` parses as a URL naming a host (and a numeric port, if any): what the mailer can connect to. */
function isSmtpUrl(s: string): boolean {
  if (!URL.canParse(s)) return false;
  return new URL(s).hostname !== '';
}

/** Parses the environment; throws an Error listing every bad variable. */
export function parseConfig(env: Record<string, string | undefined> = process.env): Config {
  const cleaned = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ''));
  const result = schema
    .superRefine((c, ctx) => {
      for (const name of ['VIGIA_MAIL_FROM', 'VIGIA_PUBLIC_URL'] as const) {
        if (c.VIGIA_SMTP_URL && !c[name]) ctx.addIssue({ code: 'custom', path: [name], message: 'required when VIGIA_SMTP_URL is set' });
      }
    })
    .safeParse(cleaned);
  if (!result.success) {
    const lines = result.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new Error(`Invalid configuration:\n${lines.join('\n')}`);
  }
  return result.data;
}
