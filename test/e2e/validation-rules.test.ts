/**
 * The validation-rules page (issue 16, item 1): an officer reaches it from the Data quality page,
 * sees the server's refusal of a malformed relation beside the field, adds an error rule, and a
 * partner's write breaking it is refused in data entry with the rule named; the officer changes
 * the rule (the write then passes) and deletes it. Partners and analysts have no link to the
 * page and the API refuses them. English and Spanish (at 390 px), axe-clean.
 */
import { describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { newPage, screenshot, seriousA11yViolations, signIn, startAndStop } from './browser.js';
import { apiGet, apiSend } from './page-api.js';
import type { RunningVigia } from './vigia-server.js';

let vigia: RunningVigia;
let browser: Browser;
startAndStop((v, b) => {
  vigia = v;
  browser = b;
});

const RULES = '/api/programs/PE/validation-rules';
const RULE = 'E2E_ERAD_DEPT_MAX';

const navLink = (page: Page, name: RegExp) => page.getByRole('navigation').getByRole('link', { name });
const cell = (page: Page, label: string) => page.getByRole('textbox', { name: label, exact: true });
const notesOf = (page: Page, label: string) => page.locator('td', { has: cell(page, label) }).getByTestId('cell-notes');

async function enterAndSave(partner: Page, value: string): Promise<void> {
  await partner.goto(`${vigia.url}/entry?indicator=ERAD_HA&type=year&from=2037&to=2037`);
  await partner.getByTestId('entry-grid').waitFor();
  await cell(partner, 'Apurímac 2037').fill(value);
  await partner.getByTestId('save').click();
}

describe('the validation-rules page', () => {
  it('an officer adds an error rule that refuses a partner’s write, changes it and deletes it; partners and analysts may not (English)', async () => {
    const officer = await newPage(browser, vigia.url);
    await signIn(officer, vigia.url, 'officer');
    await officer.goto(`${vigia.url}/quality`);
    await officer.getByTestId('rules-link').click();
    await officer.getByRole('heading', { level: 1, name: 'Validation rules' }).waitFor();
    expect(await navLink(officer, /^Validation rules$/).getAttribute('aria-current')).toBe('page');
    // The demo's rules are listed, in words.
    await expect.poll(() => officer.getByTestId('rule-ERAD_HA_DEPARTMENT_BOUND').getByTestId('rule-check').textContent()).toBe('at most 25,000');

    // A malformed relation: the server's 400, in words, beside the relation field.
    const add = officer.getByTestId('add-rule-form');
    await add.getByLabel('Code').fill('E2E_BAD_RELATION');
    await add.getByLabel('Kind').selectOption('relation');
    await add.getByLabel(/^Relation/).fill('ERAD_HA <=');
    await add.getByRole('button', { name: 'Add the rule' }).click();
    const problem = officer.getByTestId('add-rule-relation-problem');
    await problem.waitFor();
    expect(await problem.textContent()).toMatch(/end of formula/);
    expect(await add.getByLabel(/^Relation/).getAttribute('aria-invalid')).toBe('true');
    expect(await add.getByLabel(/^Relation/).getAttribute('aria-describedby')).toBe('add-rule-relation-problem');
    expect(await seriousA11yViolations(officer)).toEqual([]);

    // An error rule: at most 10,000 ha of eradication in a department.
    await add.getByLabel('Code').fill(RULE);
    await add.getByLabel('Kind').selectOption('range');
    await add.getByLabel('Severity').selectOption('error');
    await add.getByLabel('Indicator').selectOption('ERAD_HA');
    await add.getByLabel('Maximum').fill('10000');
    await add.getByLabel('Place level').selectOption('2');
    await add.getByRole('button', { name: 'Add the rule' }).click();
    await expect.poll(() => officer.getByTestId('rules-done').textContent()).toBe(`Rule ${RULE} added.`);
    const row = officer.getByTestId(`rule-${RULE}`);
    expect(await row.textContent()).toMatch(/Range.*Error.*ERAD_HA.*at most 10,000.*Departments/);
    expect(await officer.getByTestId('add-rule-relation-problem').count()).toBe(0);
    expect(await seriousA11yViolations(officer)).toEqual([]);
    await screenshot(officer, 'validation-rules');

    // The partner's write that breaks it is refused in data entry, naming the rule; nothing stored.
    const partner = await newPage(browser, vigia.url);
    await signIn(partner, vigia.url, 'partner');
    await enterAndSave(partner, '12000');
    await expect.poll(() => notesOf(partner, 'Apurímac 2037').textContent()).toContain(`Not saved: ${RULE}`);
    expect((await apiGet<{ values: unknown[] }>(partner, '/api/programs/PE/values?indicator=ERAD_HA&period=2037')).values).toEqual([]);

    // The partner has no link to the page, is told it is not theirs, and the API refuses each change.
    expect(await navLink(partner, /^Validation rules$/).count()).toBe(0);
    await partner.goto(`${vigia.url}/validation-rules`);
    await partner.getByTestId('not-permitted').waitFor();
    const rule = { code: 'E2E_PARTNER', kind: 'whole', indicator: 'ERAD_HA' };
    expect(await apiSend(partner, 'POST', RULES, rule)).toBe(403);
    expect(await apiSend(partner, 'PUT', `${RULES}/${RULE}`, { code: RULE, kind: 'range', indicator: 'ERAD_HA', max: 1e9 })).toBe(403);
    expect(await apiSend(partner, 'DELETE', `${RULES}/${RULE}`)).toBe(403);

    // The officer raises the maximum: the row says so, and the partner's write now passes.
    await row.getByRole('button', { name: `Change ${RULE}` }).click();
    const edit = officer.getByTestId('edit-rule-form');
    expect(await edit.getByLabel('Maximum').inputValue()).toBe('10000');
    await edit.getByLabel('Maximum').fill('15000');
    await edit.getByRole('button', { name: 'Save the changes' }).click();
    await expect.poll(() => officer.getByTestId('rules-done').textContent()).toBe(`Rule ${RULE} changed.`);
    await expect.poll(() => row.getByTestId('rule-check').textContent()).toBe('at most 15,000');
    expect(await officer.getByTestId('edit-rule-form').count()).toBe(0);
    await enterAndSave(partner, '12000');
    await partner.getByTestId('saved').waitFor();

    // Deleted once confirmed.
    await row.getByRole('button', { name: `Delete ${RULE}` }).click();
    await officer.getByTestId('confirm-delete-rule').getByRole('button', { name: 'Delete' }).click();
    await expect.poll(() => officer.getByTestId('rules-done').textContent()).toBe(`Rule ${RULE} deleted.`);
    expect(await officer.getByTestId(`rule-${RULE}`).count()).toBe(0);
    const left = await apiGet<{ rules: { code: string }[] }>(officer, RULES);
    expect(left.rules.map((r) => r.code)).not.toContain(RULE);
    expect(await seriousA11yViolations(officer)).toEqual([]);

    // An analyst: no link on the navigation or the Data quality page; the API refuses.
    const analyst = await newPage(browser, vigia.url);
    await signIn(analyst, vigia.url, 'analyst');
    await analyst.goto(`${vigia.url}/dashboard`);
    await analyst.getByRole('navigation').getByRole('link').first().waitFor();
    expect(await navLink(analyst, /^Validation rules$/).count()).toBe(0);
    expect(await apiSend(analyst, 'POST', RULES, rule)).toBe(403);
    expect(await apiSend(analyst, 'DELETE', `${RULES}/ERAD_HA_DEPARTMENT_BOUND`)).toBe(403);
    await partner.context().close();
    await analyst.context().close();
    await officer.context().close();
  });

  it('in Spanish, at 390 px: an officer adds a whole-numbers warning, sees a refusal beside its field, deletes the rule', async () => {
    const officer = await newPage(browser, vigia.url, 'es');
    await signIn(officer, vigia.url, 'officer');
    await officer.setViewportSize({ width: 390, height: 844 });
    await officer.goto(`${vigia.url}/validation-rules`);
    await officer.getByRole('heading', { level: 1, name: 'Reglas de validación' }).waitFor();
    const add = officer.getByTestId('add-rule-form');
    await add.getByLabel('Código').fill('E2E_ENTEROS');
    await add.getByLabel('Tipo').selectOption('range');
    await add.getByLabel('Mínimo').fill('diez');
    await add.getByRole('button', { name: 'Agregar la regla' }).click();
    await expect.poll(() => officer.getByTestId('add-rule-min-problem').textContent()).toBe('no es un número');
    // The server's refusal: a range needs a limit.
    await add.getByLabel('Mínimo').fill('');
    await add.getByRole('button', { name: 'Agregar la regla' }).click();
    await expect.poll(() => officer.getByTestId('add-rule-min-problem').textContent()).toBe('give min, max or both');
    await add.getByLabel('Tipo').selectOption('whole');
    await add.getByLabel('Gravedad').selectOption('warning');
    await add.getByLabel('Indicador').selectOption('TRAIN_PARTICIPANTS');
    await add.getByLabel('Nombre en español (opcional)').fill('Participantes enteros');
    await add.getByRole('button', { name: 'Agregar la regla' }).click();
    await expect.poll(() => officer.getByTestId('rules-done').textContent()).toBe('Regla E2E_ENTEROS agregada.');
    const row = officer.getByTestId('rule-E2E_ENTEROS');
    expect(await row.textContent()).toMatch(/Participantes enteros.*Números enteros.*Advertencia.*solo números enteros.*Todos los niveles/);
    const widths = await officer.evaluate(() => ({ scroll: document.documentElement.scrollWidth, client: document.documentElement.clientWidth }));
    expect(widths.scroll).toBeLessThanOrEqual(widths.client);
    expect(await seriousA11yViolations(officer)).toEqual([]);
    await screenshot(officer, '390px-es-validation-rules');
    await row.getByRole('button', { name: 'Eliminar E2E_ENTEROS' }).click();
    await officer.getByTestId('confirm-delete-rule').getByRole('button', { name: 'Eliminar', exact: true }).click();
    await expect.poll(() => officer.getByTestId('rules-done').textContent()).toBe('Regla E2E_ENTEROS eliminada.');
    expect(await officer.getByTestId('rule-E2E_ENTEROS').count()).toBe(0);
    await officer.context().close();
  });
});
