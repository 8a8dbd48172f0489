/**
 * Notifications and discussion in the web app (issue 16, items 5–6; acceptance 6 "the bell counts
 * a new notification"): a partner submits and the officer's bell, left open, counts one more
 * unread; the officer opens the notification, reaches the submission and writes a comment; the
 * partner's bell counts it and the partner reads the thread (in Spanish); mark one and mark all
 * read bring the count down to 0; axe finds nothing serious on the new page and the thread.
 */
import { describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { newPage, screenshot, seriousA11yViolations, signIn, startAndStop } from './browser.js';
import type { RunningVigia } from './vigia-server.js';

let vigia: RunningVigia;
let browser: Browser;
startAndStop((v, b) => {
  vigia = v;
  browser = b;
});

/** The bell refetches every 15 s: wait up to two rounds for it to show a new count. */
const BELL_WAIT = { timeout: 40_000, interval: 500 };

async function unreadByApi(page: Page): Promise<number> {
  const r = await page.request.get(`${vigia.url}/api/notifications`);
  expect(r.status()).toBe(200);
  return ((await r.json()) as { unread: number }).unread;
}

const bellCount = async (page: Page) => Number(await page.getByTestId('bell').getAttribute('data-unread'));

/** The bell shows `count`, in figures and in its accessible name. */
async function expectBell(page: Page, count: number, lang: 'en' | 'es'): Promise<void> {
  await expect.poll(() => bellCount(page), BELL_WAIT).toBe(count);
  const name = lang === 'en' ? `Notifications, ${count} unread` : `Notificaciones, ${count} sin leer`;
  expect(await page.getByRole('link', { name, exact: true }).count()).toBe(1);
}

async function api(page: Page, method: 'put' | 'post', path: string, data: unknown, status: number): Promise<unknown> {
  const r = await page.request.fetch(`${vigia.url}${path}`, { method, headers: { 'X-Requested-With': 'vigia' }, data });
  expect(r.status(), await r.text()).toBe(status);
  return r.json();
}

describe('notifications and discussion', () => {
  it('submit → the officer’s bell; the officer comments → the partner’s bell and thread; mark read', async () => {
    const officer = await newPage(browser, vigia.url);
    await signIn(officer, vigia.url, 'officer');
    await officer.goto(`${vigia.url}/dashboard`);
    const officerBefore = await unreadByApi(officer);
    await expectBell(officer, officerBefore, 'en');

    const partner = await newPage(browser, vigia.url, 'es');
    await signIn(partner, vigia.url, 'partner');
    // Test set-up through the API: a draft value and its period submitted.
    await api(partner, 'put', '/api/programs/PE/values', { indicator: 'ERAD_HA', place: 'PE-10', period: '2032', value: 120, version: 0 }, 200);
    const submission = (await api(partner, 'post', '/api/programs/PE/submissions', { period: '2032' }, 201)) as { id: number };

    // The officer's page, left open, counts one more on its own (the bell polls).
    await expectBell(officer, officerBefore + 1, 'en');

    // The bell leads to the notifications page (from the keyboard), newest first, in English.
    await officer.getByTestId('bell').focus();
    await officer.keyboard.press('Enter');
    await officer.getByRole('heading', { level: 1, name: 'Notifications' }).waitFor();
    const items = officer.getByTestId('notification-list').locator('li');
    await items.first().waitFor();
    const first = items.first();
    expect(await first.getAttribute('data-kind')).toBe('submitted');
    expect(await first.getAttribute('data-unread')).toBe('true');
    expect(await first.textContent()).toContain('CORAH submitted 2032 for review');
    const times = await items.locator('time').evaluateAll((ts) => ts.map((t) => t.getAttribute('datetime') ?? ''));
    expect([...times].sort().reverse()).toEqual(times);
    expect(await seriousA11yViolations(officer)).toEqual([]);
    await screenshot(officer, 'notifications-en');

    // Opening it marks it read and reaches the submission under review.
    await first.getByRole('link', { name: /Open the submission/ }).click();
    await officer.waitForURL(`**/approvals?submission=${submission.id}`);
    const detail = officer.getByTestId('submission-detail');
    await detail.getByRole('heading', { name: /2032/ }).waitFor();
    await expectBell(officer, officerBefore, 'en');

    // The officer writes a comment in the thread.
    const partnerBefore = await unreadByApi(partner);
    await partner.goto(`${vigia.url}/approvals`);
    await expectBell(partner, partnerBefore, 'es');
    const thread = detail.getByTestId('comment-thread');
    await thread.getByTestId('no-comments').waitFor();
    await thread.getByLabel('Your comment').fill('Please check the hectares of Huánuco.');
    await thread.getByRole('button', { name: 'Add comment' }).click();
    await thread.getByTestId('comment').getByText('Please check the hectares of Huánuco.').waitFor();
    expect(await thread.getByTestId('comment-message').textContent()).toBe('Your comment was added.');
    expect(await seriousA11yViolations(officer)).toEqual([]);

    // The partner's bell counts it; its notification leads to the partner's view of the thread.
    await expectBell(partner, partnerBefore + 1, 'es');
    await partner.getByTestId('bell').click();
    await partner.getByRole('heading', { level: 1, name: 'Notificaciones' }).waitFor();
    const comment = partner.locator('[data-testid=notification-list] li[data-kind=comment]').first();
    expect(await comment.textContent()).toContain('nuevo comentario sobre el envío de CORAH de 2032');
    expect(await seriousA11yViolations(partner)).toEqual([]);
    await screenshot(partner, 'notifications-es');
    await comment.getByRole('link', { name: /Abrir el envío/ }).click();
    const partnerThread = partner.getByTestId('partner-discussion');
    await partnerThread.getByTestId('comment').getByText('Please check the hectares of Huánuco.').waitFor();
    expect(await partnerThread.getByTestId('comment').textContent()).toContain('Oficial de programa');
    // The partner answers.
    await partnerThread.getByLabel('Su comentario').fill('Corregido: eran 102 ha.');
    await partnerThread.getByRole('button', { name: 'Agregar comentario' }).click();
    await expect.poll(() => partnerThread.getByTestId('comment').count()).toBe(2);
    expect(await seriousA11yViolations(partner)).toEqual([]);
    await screenshot(partner, 'approvals-discussion-es');
    // At 390 px the thread and its form fit: the page does not scroll sideways.
    await partner.setViewportSize({ width: 390, height: 844 });
    await partner.getByRole('button', { name: 'Menú' }).waitFor();
    const widths = await partner.evaluate(() => ({ scroll: document.documentElement.scrollWidth, client: document.documentElement.clientWidth }));
    expect(widths.scroll).toBeLessThanOrEqual(widths.client);
    await screenshot(partner, '390px-es-partner-discussion');
    await partner.setViewportSize({ width: 1280, height: 800 });

    // The officer answers again (test set-up through the API); the partner's bell counts it, and mark all read sets it to 0.
    const unreadNow = await unreadByApi(partner);
    await api(officer, 'post', `/api/submissions/${submission.id}/comments`, { body: 'Gracias.' }, 201);
    await expectBell(partner, unreadNow + 1, 'es');
    await partner.getByTestId('bell').click();
    await partner.getByTestId('notification-list').waitFor();
    await partner.getByRole('button', { name: 'Marcar todas como leídas' }).click();
    await expectBell(partner, 0, 'es');
    expect(await unreadByApi(partner)).toBe(0);
    expect(await partner.locator('[data-testid=notification-list] li[data-unread=true]').count()).toBe(0);
    expect(await partner.getByTestId('notifications-summary').textContent()).toBe('Todas sus notificaciones están leídas.');

    // The officer hears of the partner's answer; marks it read alone, then all.
    await officer.goto(`${vigia.url}/notifications`);
    await expectBell(officer, officerBefore + 1, 'en');
    const answer = officer.locator('[data-testid=notification-list] li[data-kind=comment][data-unread=true]').first();
    await answer.getByRole('button', { name: /^Mark read: / }).click();
    await expectBell(officer, officerBefore, 'en');
    if (officerBefore > 0) await officer.getByRole('button', { name: 'Mark all read' }).click();
    await expectBell(officer, 0, 'en');
    expect(await officer.getByRole('button', { name: 'Mark all read' }).isDisabled()).toBe(true);
    expect(await seriousA11yViolations(officer)).toEqual([]);
    await officer.context().close();
    await partner.context().close();
  });
});
