/**
 * Validation warnings in the web app (issue 16, items 1 and 4; acceptance 6): with a range
 * warning on ERAD_HA at departments (created through the rules API), a partner sees the warning
 * in words as they type in data entry and once saved, an error rule's refusal on its cell with
 * nothing stored, and on submitting the values with open warnings; the data quality page lists
 * the open warning with a link to the value; an officer sees it in review, is refused approval
 * until they acknowledge it with a comment, then approves; beside the warning, the officer and
 * the partner discuss it (the partner is notified). English and Spanish, axe-clean, keyboard,
 * 390 px.
 */
import { describe, expect, it } from 'vitest';
import type { Browser, Locator, Page } from 'playwright-core';
import { newPage, screenshot, seriousA11yViolations, signIn, startAndStop } from './browser.js';
import type { RunningVigia } from './vigia-server.js';

let vigia: RunningVigia;
let browser: Browser;
startAndStop((v, b) => {
  vigia = v;
  browser = b;
});

const RULE = 'E2E_ERAD_DEPT_WARN';

async function apiSend(page: Page, method: string, path: string, body: unknown): Promise<number> {
  return page.evaluate(
    async ([m, p, b]) =>
      (
        await fetch(p as string, {
          method: m as string,
          credentials: 'same-origin',
          headers: { 'Content-Type': 'application/json', 'X-Requested-With': 'vigia' },
          body: JSON.stringify(b),
        })
      ).status,
    [method, path, body],
  );
}

async function apiGet<T>(page: Page, path: string): Promise<T> {
  return (await page.evaluate(async (p) => (await fetch(p, { credentials: 'same-origin' })).json(), path)) as T;
}

interface Flags {
  flags: { id: number; rule: string; indicator: string; place: string; period: string; acknowledged: boolean; comment: string | null }[];
}

/** Test set-up: a warning above 5,000 ha of eradication in one department (level 2), as an officer. */
async function warningRule(officer: Page): Promise<void> {
  const rule = { code: RULE, kind: 'range', severity: 'warning', indicator: 'ERAD_HA', max: 5000, level: 2 };
  expect(await apiSend(officer, 'POST', '/api/programs/PE/validation-rules', rule)).toBe(201);
}

const cell = (page: Page, label: string) => page.getByRole('textbox', { name: label, exact: true });
const notesOf = (page: Page, label: string) => page.locator('td', { has: cell(page, label) }).getByTestId('cell-notes');

async function openGrid(page: Page, year: string): Promise<void> {
  await page.goto(`${vigia.url}/entry?indicator=ERAD_HA&type=year&from=${year}&to=${year}`);
  await page.getByTestId('entry-grid').waitFor();
}

async function submit(partner: Page, period: string, submittedText: string): Promise<void> {
  await partner.goto(`${vigia.url}/approvals`);
  await partner.locator('input[name=period]').fill(period);
  await partner.getByTestId('submit-period').click();
  await partner.getByTestId('submit-message').getByText(submittedText).waitFor();
}

/** The officer opens the organisation's submission of `period` for review. */
async function review(officer: Page, period: string): Promise<ReturnType<Page['getByTestId']>> {
  await officer.goto(`${vigia.url}/approvals?status=submitted`);
  await officer
    .getByTestId(`submission-CORAH-${period}`)
    .getByRole('button', { name: /Review|Revisar/ })
    .click();
  const detail = officer.getByTestId('submission-detail');
  await detail.getByTestId('submission-values').locator('tbody tr').first().waitFor();
  return detail;
}

/**
 * Beside the warning in review, the officer asks about the value in the warning's discussion;
 * the partner is told (a notification), answers beside the warning they were shown on
 * submitting, and the officer reads the answer there. Axe-clean with the threads open.
 */
async function discussWarning(officer: Page, value: Locator, partner: Page): Promise<void> {
  await value.getByRole('button', { name: 'Discuss this warning' }).click();
  const thread = value.getByTestId('flag-comment-thread');
  await thread.getByRole('heading', { name: 'Discussion of this warning' }).waitFor();
  await thread.getByTestId('flag-no-comments').waitFor();
  await thread.getByLabel('Your comment').fill('6,000 ha in Apurímac: which operations?');
  await thread.getByRole('button', { name: 'Add comment' }).click();
  await thread.getByTestId('flag-comment').getByText('6,000 ha in Apurímac: which operations?').waitFor();
  expect(await seriousA11yViolations(officer)).toEqual([]);

  const told = await apiGet<{ notifications: { kind: string; title: string }[] }>(partner, '/api/notifications?lang=en');
  expect(told.notifications.filter((n) => n.kind === 'flag_comment').map((n) => n.title)).toContain('new comment on a warning on the 2035 data of CORAH');
  const listed = partner.getByTestId('submitted-warnings');
  await listed.getByRole('button', { name: 'Discuss this warning' }).click();
  const mine = listed.getByTestId('flag-comment-thread');
  await mine.getByTestId('flag-comment').getByText('6,000 ha in Apurímac: which operations?').waitFor();
  await mine.getByLabel('Your comment').fill('Three joint operations with the police.');
  await mine.getByRole('button', { name: 'Add comment' }).click();
  await mine.getByTestId('flag-comment').getByText('Three joint operations with the police.').waitFor();
  expect(await seriousA11yViolations(partner)).toEqual([]);

  // The officer closes and reopens the thread: the answer is there.
  await value.getByRole('button', { name: 'Hide the discussion' }).click();
  await value.getByRole('button', { name: 'Discuss this warning' }).click();
  await thread.getByTestId('flag-comment').getByText('Three joint operations with the police.').waitFor();
  await screenshot(officer, 'approvals-warning-discussion');
}

describe('validation warnings in the web app', () => {
  it('a partner sees a warning as they type and on submitting; the quality page lists it; an officer acknowledges it and approves (English)', async () => {
    const officer = await newPage(browser, vigia.url);
    await signIn(officer, vigia.url, 'officer');
    await warningRule(officer);

    const partner = await newPage(browser, vigia.url);
    await signIn(partner, vigia.url, 'partner');
    await openGrid(partner, '2035');

    // As they type: the warning rule's words beside the cell, tied to the input, and in the save bar.
    const apurimac = cell(partner, 'Apurímac 2035');
    await apurimac.fill('6000');
    await expect.poll(() => notesOf(partner, 'Apurímac 2035').textContent()).toBe(`⚠ Warning ${RULE}: above the maximum 5,000`);
    expect(await apurimac.getAttribute('aria-describedby')).toMatch(/-notes$/);
    await expect.poll(() => partner.getByTestId('save-state').textContent()).toMatch(/1 with a validation warning/);
    // The demo's error rule (at most 25,000 ha in a department): said before saving, refused on saving.
    const ayacucho = cell(partner, 'Ayacucho 2035');
    await ayacucho.fill('30000');
    await expect.poll(() => notesOf(partner, 'Ayacucho 2035').textContent()).toContain('Will be refused by ERAD_HA_DEPARTMENT_BOUND: above the maximum 25,000');
    expect(await seriousA11yViolations(partner)).toEqual([]);
    await partner.getByTestId('save').click();
    await expect.poll(() => notesOf(partner, 'Ayacucho 2035').textContent()).toContain('Not saved: ERAD_HA_DEPARTMENT_BOUND');
    await partner.getByTestId('save-error').waitFor();
    const stored = await apiGet<{ values: unknown[] }>(partner, '/api/programs/PE/values?indicator=ERAD_HA&period=2035');
    expect(stored.values).toEqual([]);
    await screenshot(partner, 'entry-warnings');

    // Clearing the refused cell leaves the warned one, which saves; its stored flag is shown in words.
    await ayacucho.fill('');
    await partner.getByTestId('save').click();
    await partner.getByTestId('saved').waitFor();
    await expect.poll(() => notesOf(partner, 'Apurímac 2035').textContent()).toBe(`⚠ Warning ${RULE}: above the maximum 5,000`);
    expect(await notesOf(partner, 'Ayacucho 2035').count()).toBe(0);

    // On submitting: the values with open warnings are listed.
    await submit(partner, '2035', 'Submitted: 2035');
    const listed = partner.getByTestId('submitted-warnings');
    await listed.waitFor();
    expect(await listed.textContent()).toMatch(
      new RegExp(
        `1 value in this period has a validation warning.*Coca eradicated \\(ERAD_HA\\) · Apurímac · 2035 · 6,000: Warning ${RULE}: above the maximum 5,000`,
      ),
    );
    expect(await seriousA11yViolations(partner)).toEqual([]);

    // The data quality page lists the open warning, linked to the grid that shows the value.
    await officer.goto(`${vigia.url}/quality`);
    const row = officer.getByTestId('violation-ERAD_HA-PE-03-2035');
    await row.waitFor();
    expect(await row.textContent()).toMatch(new RegExp(`Apurímac.*2035.*6,000.*Warning ${RULE}: above the maximum 5,000`));
    expect(await seriousA11yViolations(officer)).toEqual([]);
    await row.getByRole('link', { name: /Open in data entry/ }).click();
    await officer.getByTestId('entry-grid').waitFor();
    expect(new URL(officer.url()).searchParams.get('level')).toBe('2');
    await expect.poll(() => cell(officer, 'Apurímac 2035').inputValue()).toBe('6000');
    await expect.poll(() => notesOf(officer, 'Apurímac 2035').textContent()).toContain(RULE);

    // Review: the warning is on the value; approval is refused until it is acknowledged with a comment.
    const detail = await review(officer, '2035');
    const value = detail.getByTestId('submission-value-ERAD_HA-PE-03-2035');
    expect(await value.getByTestId('value-warnings').textContent()).toContain(`Warning ${RULE}: above the maximum 5,000`);
    await discussWarning(officer, value, partner);
    await detail.getByTestId('approve').click();
    await expect
      .poll(() => officer.getByTestId('decision-message').textContent())
      .toBe('1 warning is not acknowledged: acknowledge it with a comment, then approve.');
    expect(await officer.getByTestId('submission-CORAH-2035').getByTestId('status').textContent()).toBe('submitted');
    expect(await seriousA11yViolations(officer)).toEqual([]);

    // From the keyboard: Acknowledge opens the comment (focused), Tab to the button, Enter.
    await value.getByRole('button', { name: 'Acknowledge' }).focus();
    await officer.keyboard.press('Enter');
    const comment = value.getByLabel('Why the value stands (required)');
    await expect.poll(() => comment.evaluate((el) => el === document.activeElement)).toBe(true);
    await officer.keyboard.type('Confirmed with the field team: a large operation in Apurímac.');
    await officer.keyboard.press('Tab');
    await officer.keyboard.press('Enter');
    await expect.poll(() => value.getByTestId('value-warnings').textContent()).toContain('Acknowledged: Confirmed with the field team');
    // The refusal's message goes with the warning it was about.
    expect(await officer.getByTestId('decision-message').count()).toBe(0);
    const flags = await apiGet<Flags>(officer, '/api/programs/PE/value-flags?period=2035');
    expect(flags.flags).toEqual([
      expect.objectContaining({ rule: RULE, place: 'PE-03', acknowledged: true, comment: 'Confirmed with the field team: a large operation in Apurímac.' }),
    ]);
    await screenshot(officer, 'approvals-warnings');

    await detail.getByTestId('approve').click();
    await officer
      .getByTestId('decision-message')
      .getByText(/approved/)
      .waitFor();
    await partner.context().close();
    await officer.context().close();
  });

  it('in Spanish, at 390 px: the warning as typed and on review, acknowledged, then approved', async () => {
    const partner = await newPage(browser, vigia.url, 'es');
    await signIn(partner, vigia.url, 'partner');
    await partner.setViewportSize({ width: 390, height: 844 });
    await openGrid(partner, '2036');
    await cell(partner, 'Cusco 2036').fill('7000');
    await expect
      .poll(() => notesOf(partner, 'Cusco 2036').textContent())
      .toMatch(new RegExp(`^⚠ Advertencia ${RULE}: por encima del máximo 5[.,\\s\\u00a0\\u202f]?000$`));
    const widths = await partner.evaluate(() => ({ scroll: document.documentElement.scrollWidth, client: document.documentElement.clientWidth }));
    expect(widths.scroll).toBeLessThanOrEqual(widths.client);
    expect(await seriousA11yViolations(partner)).toEqual([]);
    await screenshot(partner, '390px-es-entry-warning');
    await partner.getByTestId('save').click();
    await partner.getByTestId('saved').waitFor();
    await submit(partner, '2036', 'Enviado: 2036');
    await expect
      .poll(() => partner.getByTestId('submitted-warnings').textContent())
      .toMatch(new RegExp(`1 valor de este período tiene una advertencia de validación.*Advertencia ${RULE}`));

    const officer = await newPage(browser, vigia.url, 'es');
    await signIn(officer, vigia.url, 'officer');
    await officer.goto(`${vigia.url}/quality`);
    await officer.getByTestId('violation-ERAD_HA-PE-08-2036').getByText(`Advertencia ${RULE}`, { exact: false }).waitFor();
    const detail = await review(officer, '2036');
    const value = detail.getByTestId('submission-value-ERAD_HA-PE-08-2036');
    await detail.getByTestId('approve').click();
    await expect.poll(() => officer.getByTestId('decision-message').textContent()).toMatch(/^1 advertencia no está revisada/);
    // The warning's discussion, in Spanish.
    await value.getByRole('button', { name: 'Conversar sobre esta advertencia' }).click();
    const thread = value.getByTestId('flag-comment-thread');
    await thread.getByRole('heading', { name: 'Conversación sobre esta advertencia' }).waitFor();
    await thread.getByLabel('Su comentario').fill('¿Qué operaciones en Cusco?');
    await thread.getByRole('button', { name: 'Agregar comentario' }).click();
    await thread.getByTestId('flag-comment').getByText('¿Qué operaciones en Cusco?').waitFor();
    expect(await thread.getByTestId('flag-comment-message').textContent()).toBe('Se agregó su comentario.');
    expect(await seriousA11yViolations(officer)).toEqual([]);
    await value.getByRole('button', { name: 'Dar por revisada' }).click();
    await value.getByLabel('Por qué el valor se mantiene (obligatorio)').fill('Verificado con el equipo de campo.');
    expect(await seriousA11yViolations(officer)).toEqual([]);
    await value.getByRole('button', { name: 'Dar por revisada la advertencia' }).click();
    await expect.poll(() => value.getByTestId('value-warnings').textContent()).toContain('Revisada: Verificado con el equipo de campo.');
    await detail.getByTestId('approve').click();
    await officer
      .getByTestId('decision-message')
      .getByText(/aprobad/)
      .waitFor();
    // Acknowledged, the warning leaves the quality page's open list.
    await officer.goto(`${vigia.url}/quality`);
    await officer.getByTestId('violations-section').getByTestId('no-violations').or(officer.getByTestId('violations')).first().waitFor();
    expect(await officer.getByTestId('violation-ERAD_HA-PE-08-2036').count()).toBe(0);
    await partner.context().close();
    await officer.context().close();
  });
});
