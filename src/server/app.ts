/**
 * The HTTP app: assembly only. Each module contributes its routes; errors are rendered in one
 * place; the OpenAPI document is generated from the same zod schemas that validate requests.
 */
import { OpenAPIHono } from '@hono/zod-openapi';
import { bodyLimit } from 'hono/body-limit';
import { VigiaError, validationError } from '../core/errors.js';
import { defaultAuthSettings, type AuthSettings } from '../modules/accounts/auth.service.js';
import type { MailSettings } from '../modules/accounts/mailer.js';
import { errorResponse } from '../http/errors.js';
import { renderApiDocs } from './api-docs.js';
import { authMiddleware } from './auth.middleware.js';
import type { AppDeps } from '../http/app-deps.js';
import type { AppEnv } from '../http/env.js';
import { registerHealthRoutes } from '../modules/health/health.routes.js';
import { registerAnalyticsRoutes } from '../modules/analytics/analytics.routes.js';
import { registerAuthRoutes } from '../modules/accounts/auth.routes.js';
import { registerValueRoutes } from '../modules/values/values.routes.js';
import { registerApprovalRoutes } from '../modules/approvals/approvals.routes.js';
import { registerAuditRoutes } from '../modules/audit/audit.routes.js';
import { registerUserRoutes } from '../modules/accounts/users.routes.js';
import { registerPlaceRoutes } from '../modules/places/places.routes.js';
import { registerOrganisationRoutes } from '../modules/organisations/organisations.routes.js';
import { registerIndicatorRoutes } from '../modules/indicators/indicators.routes.js';
import { registerIndicatorReferenceRoutes } from '../modules/indicators/indicator-reference.routes.js';
import { registerReportRoutes } from '../modules/reports/reports.routes.js';
import { registerRecordRoutes } from '../modules/records/records.routes.js';
import { registerExchangeRoutes } from '../modules/exchange/exchange.routes.js';
import { registerBoundaryRoutes } from '../modules/boundaries/boundaries.routes.js';
import { registerDqaRoutes } from '../modules/dqa/dqa.routes.js';
import { registerCalendarRoutes } from '../modules/calendar/calendar.routes.js';
import { registerQualityReportRoutes } from '../modules/quality-report/quality-report.routes.js';
import { registerQualityRuleRoutes } from '../modules/quality-rules/quality-rules.routes.js';
import { registerTrackingRoutes } from '../modules/tracking/tracking.routes.js';
import { registerPirsRoutes } from '../modules/pirs/pirs.routes.js';
import { registerNotificationRoutes } from '../modules/notifications/notifications.routes.js';
import { registerDiscussionRoutes } from '../modules/discussion/discussion.routes.js';
import { registerDesignRoutes } from '../modules/design/design.routes.js';
import { serveWebApp } from './web-assets.js';
import { securityHeaders } from './security-headers.js';

/** What the app is assembled from: what route handlers may use, and the sign-in settings. */
export interface ServerDeps extends AppDeps {
  auth: AuthSettings;
  /** E-mail ("forgot password", notifications); absent when not configured. */
  mail?: MailSettings | undefined;
}

export type App = OpenAPIHono<AppEnv>;

export function createApp(deps: Pick<ServerDeps, 'db' | 'engine'> & Partial<ServerDeps>): App {
  const full: ServerDeps = { auth: defaultAuthSettings(), secureCookies: false, maxBodyBytes: 10 * 1024 * 1024, ...deps };
  const app = new OpenAPIHono<AppEnv>({
    // Request validation failures become the standard validation error, naming each field.
    defaultHook: (result, c) => {
      if (!result.success) {
        // An unknown field is named by its own path, like a bad one.
        const details = result.error.issues.flatMap((i) =>
          i.code === 'unrecognized_keys'
            ? i.keys.map((k) => ({ column: [...i.path, k].join('.'), reason: 'unknown field' }))
            : [{ column: i.path.join('.'), reason: i.message }],
        );
        return errorResponse(c, validationError(`invalid ${result.target}`, details));
      }
      return undefined;
    },
  });
  app.onError((e, c) => errorResponse(c, e));
  app.notFound((c) => c.json({ error: 'not_found', message: `no route ${c.req.method} ${c.req.path}` }, 404));
  const limitBody = bodyLimit({
    maxSize: full.maxBodyBytes,
    onError: (c) => errorResponse(c, new VigiaError('validation', `the request body is larger than ${full.maxBodyBytes} bytes`)),
  });
  // GET and HEAD have no body (the Node adapter drops one). Asking for `body` would make the
  // adapter build a full fetch Request for every read: a tenth of a GET's cost under load.
  app.use('*', securityHeaders());
  app.use('/api/*', (c, next) => (c.req.method === 'GET' || c.req.method === 'HEAD' ? next() : limitBody(c, next)));
  app.use('/api/*', authMiddleware(full.db, full.auth));

  registerHealthRoutes(app, full);
  registerAuthRoutes(app, full);
  registerAnalyticsRoutes(app, full);
  registerValueRoutes(app, full);
  registerApprovalRoutes(app, full);
  registerAuditRoutes(app, full);
  registerUserRoutes(app, full);
  registerPlaceRoutes(app, full);
  registerOrganisationRoutes(app, full);
  registerIndicatorRoutes(app, full);
  registerIndicatorReferenceRoutes(app, full);
  registerReportRoutes(app, full);
  registerRecordRoutes(app, full);
  registerExchangeRoutes(app, full);
  registerBoundaryRoutes(app, full);
  registerDqaRoutes(app, full);
  registerQualityRuleRoutes(app, full);
  registerTrackingRoutes(app, full);
  registerPirsRoutes(app, full);
  registerCalendarRoutes(app, full);
  registerQualityReportRoutes(app, full);
  registerNotificationRoutes(app, full);
  registerDiscussionRoutes(app, full);
  registerDesignRoutes(app, full);

  const info = {
    title: 'Vigia API',
    version: '0.1.0',
    description: 'Monitoring and reporting for counternarcotics and rule-of-law assistance programs.',
  };
  app.doc31('/api/openapi.json', { openapi: '3.1.0', info });
  // Rendered once, on first request: the routes do not change while the server runs.
  let docsPage: string | undefined;
  app.get('/api/docs', (c) => {
    docsPage ??= renderApiDocs(app.getOpenAPI31Document({ openapi: '3.1.0', info }) as unknown as Parameters<typeof renderApiDocs>[0]);
    return c.html(docsPage);
  });
  if (full.webRoot) serveWebApp(app as never, full.webRoot);
  return app;
}
