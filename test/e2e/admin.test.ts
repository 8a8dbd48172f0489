import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Locator, Page } from 'playwright-core';
import { launchBrowser, newPage, screenshot, seriousA11yViolations, signIn } from './browser.js';
import { startVigia, type RunningVigia } from './vigia-server.js';

interface Indicator {
  code: string;
  targets: { place: string; period: string; kind: string; value: number }[];
}

let vigia: RunningVigia;
let browser: Browser;
let admin: Page;
const NEW_EMAIL = 'new.clerk@devida.e2e.test';
let oneTimePassword = '';

beforeAll(async () => {
  vigia = await startVigia();
  browser = await launchBrowser();
  admin = await newPage(browser, vigia.url);
  await signIn(admin, vigia.url, 'admin');
});
afterAll(async () => {
  await browser?.close();
  await vigia?.close();
});

/** The text of an element once it matches (parts of it, e.g. organisation codes, arrive with a second query). */
async function textWhen(locator: Locator, re: RegExp): Promise<string | null> {
  await locator.filter({ hasText: re }).waitFor();
  return locator.textContent();
}

async function openTab(page: Page, tab: string): Promise<void> {
  await page.getByTestId(`admin-tab-${tab}`).click();
  await page.getByTestId(`admin-panel-${tab}`).waitFor();
}

describe('administration as an administrator', () => {
  it('creates a partner user of DEVIDA and shows the one-time password once', async () => {
    await admin.goto(`${vigia.url}/admin?tab=users`);
    await admin.getByTestId('users-table').waitFor();
    expect(await admin.getByRole('tab').allTextContents()).toEqual(['Users', 'Organisations', 'Places and zones', 'Indicators and targets']);
    const form = admin.getByTestId('create-user-form');
    await form.locator('input[name=email]').fill(NEW_EMAIL);
    await form.locator('input[name=name]').fill('Rosa Quispe');
    await form.locator('select[name=role]').selectOption('partner');
    await form.locator('select[name=organisation]').selectOption('DEVIDA');
    await form.locator('button[type=submit]').click();
    const otp = admin.getByTestId('one-time-password');
    await expect.poll(() => otp.textContent()).toMatch(/shown only once/);
    oneTimePassword = (await admin.getByTestId('one-time-password-value').textContent()) ?? '';
    expect(oneTimePassword.length).toBeGreaterThanOrEqual(10);
    const row = admin.getByTestId(`user-row-${NEW_EMAIL}`);
    expect(await textWhen(row, /DEVIDA/)).toMatch(/Rosa Quispe.*Partner.*DEVIDA.*Official.*Yes/);
    expect(await seriousA11yViolations(admin)).toEqual([]);
    await screenshot(admin, 'admin');
    await otp.getByRole('button', { name: 'I have copied it' }).click();
    expect(await admin.getByTestId('one-time-password').count()).toBe(0);
  });

  it('the new user signs in with the one-time password in another browser', async () => {
    const page = await newPage(browser, `${vigia.url}/sign-in`);
    await page.locator('input[name=email]').fill(NEW_EMAIL);
    await page.locator('input[name=password]').fill(oneTimePassword);
    await page.locator('form button[type=submit]').click();
    // A one-time password: the user chooses their own before anything else.
    const form = page.getByTestId('password-form');
    await form.locator('input[name=current_password]').fill(oneTimePassword);
    await form.locator('input[name=new_password]').fill('Rosa chose this one');
    await form.locator('input[name=confirm_password]').fill('Rosa chose this one');
    await form.locator('button[type=submit]').click();
    expect(await textWhen(page.getByTestId('who'), /DEVIDA/)).toMatch(/Rosa Quispe · DEVIDA · Partner/);
    await page.context().close();
  });

  it("changes the new user's role, and resetting the password shows a new one", async () => {
    await admin.getByRole('button', { name: `Edit: ${NEW_EMAIL}` }).click();
    const access = admin.getByTestId('user-access');
    await access.locator('select[name=role]').selectOption('analyst');
    await access.locator('button[type=submit]').click();
    await admin.getByTestId('user-access').waitFor({ state: 'detached' });
    const role = admin.getByTestId(`user-row-${NEW_EMAIL}`).getByTestId('user-role');
    await expect.poll(() => role.textContent()).toBe('Analyst');
    const users = (await (await admin.request.get(`${vigia.url}/api/users`)).json()) as { users: { email: string; role: string }[] };
    expect(users.users.find((u) => u.email === NEW_EMAIL)?.role).toBe('analyst');

    await admin.getByRole('button', { name: `Reset password: ${NEW_EMAIL}` }).click();
    await admin.getByTestId('confirm-reset').getByRole('button', { name: 'Reset password' }).click();
    const fresh = (await admin.getByTestId('one-time-password-value').textContent()) ?? '';
    expect(fresh.length).toBeGreaterThanOrEqual(10);
    expect(fresh).not.toBe(oneTimePassword);
  });

  it('lists organisations; axe finds nothing serious', async () => {
    await openTab(admin, 'organisations');
    await expect.poll(() => admin.getByTestId('org-row-DEVIDA').textContent()).toMatch(/National Commission for Development and Life without Drugs/);
    expect(await seriousA11yViolations(admin)).toEqual([]);
  });

  it('refuses a bad latitude, then adds a place under PE-10 (Huánuco)', async () => {
    await openTab(admin, 'places');
    await admin.getByTestId('place-row-PE-10').waitFor();
    expect(admin.url()).toMatch(/tab=places/);
    const form = admin.getByTestId('add-place-form');
    await form.locator('input[name=code]').fill('PE-10-E2E');
    await form.locator('input[name=name]').fill('Tingo María (e2e)');
    await form.locator('select[name=parent]').selectOption('PE-10');
    await form.locator('input[name=lat]').fill('95');
    await form.locator('input[name=lon]').fill('-76.0');
    await form.locator('button[type=submit]').click();
    await expect.poll(() => admin.getByTestId('place-problems').textContent()).toMatch(/Latitude must be a number between −90 and 90/);
    expect(await admin.getByTestId('place-row-PE-10-E2E').count()).toBe(0);
    await form.locator('input[name=lat]').fill('-9.3');
    await form.locator('button[type=submit]').click();
    const row = admin.getByTestId('place-row-PE-10-E2E');
    await expect.poll(() => row.textContent()).toMatch(/Tingo María \(e2e\)3PE-10-9\.3-76/);
    expect(await seriousA11yViolations(admin)).toEqual([]);
  });

  it('adds a zone with PE-10 and the new place as members', async () => {
    const form = admin.getByTestId('add-zone-form');
    await form.locator('input[name=code]').fill('E2E_VALLEY');
    await form.locator('input[name=name_en]').fill('Test valley');
    await form.locator('input[name=name_es]').fill('Valle de prueba');
    await form.locator('input[name=places][value="PE-10"]').check();
    await form.locator('input[name=places][value="PE-10-E2E"]').check();
    await form.locator('button[type=submit]').click();
    const row = admin.getByTestId('zone-row-E2E_VALLEY');
    await expect.poll(() => row.textContent()).toMatch(/Test valley2.*\(PE-10\).*\(PE-10-E2E\)/);
    await screenshot(admin, 'admin-places');
    const zones = (await (await admin.request.get(`${vigia.url}/api/programs/PE/zones`)).json()) as { zones: { code: string; places: string[] }[] };
    expect(zones.zones.find((z) => z.code === 'E2E_VALLEY')?.places).toEqual(['PE-10', 'PE-10-E2E']);
    expect(await seriousA11yViolations(admin)).toEqual([]);
  });

  it('renames the new place and moves it; the edit is in the API', async () => {
    await admin.getByRole('button', { name: 'Edit: PE-10-E2E' }).click();
    const form = admin.getByTestId('edit-place');
    await expect.poll(() => form.locator('input[name=name]').inputValue()).toBe('Tingo María (e2e)');
    await form.locator('input[name=name]').fill('Tingo María (renamed)');
    await form.locator('input[name=lat]').fill('-9.35');
    await form.locator('button[type=submit]').click();
    await form.waitFor({ state: 'detached' });
    const row = admin.getByTestId('place-row-PE-10-E2E');
    await expect.poll(() => row.textContent()).toMatch(/Tingo María \(renamed\)3PE-10-9\.35-76/);
    const places = (await (await admin.request.get(`${vigia.url}/api/programs/PE/places`)).json()) as { places: { code: string; name: string; lat: number }[] };
    expect(places.places.find((p) => p.code === 'PE-10-E2E')).toMatchObject({ name: 'Tingo María (renamed)', lat: -9.35 });
  });

  it('asks before deleting a place, and shows what still refers to PE-10 when the server refuses', async () => {
    await admin.getByRole('button', { name: 'Edit: PE-10', exact: true }).click();
    await admin.getByTestId('edit-place').getByRole('button', { name: 'Delete place' }).click();
    const confirm = admin.getByTestId('confirm-delete-place');
    await expect.poll(() => confirm.textContent()).toMatch(/Delete place PE-10 \(Huánuco\)\? This cannot be undone/);
    await confirm.getByRole('button', { name: 'Delete for good' }).click();
    const inUse = admin.getByTestId('in-use');
    await expect.poll(() => inUse.textContent()).toMatch(/PE-10 was not deleted: it is still in use\./);
    const text = (await inUse.textContent()) ?? '';
    expect(text).toMatch(/Places below it: \d+/);
    expect(text).toMatch(/Data values: \d+/);
    expect(text).toMatch(/Member of zones: .*E2E_VALLEY/);
    expect(await seriousA11yViolations(admin)).toEqual([]);
    await screenshot(admin, 'admin-place-in-use');
    await confirm.getByRole('button', { name: 'Cancel' }).click();
    await admin.getByTestId('edit-place').getByRole('button', { name: 'Cancel' }).click();
    expect(await admin.getByTestId('place-row-PE-10').count()).toBe(1);
  });

  it('renames the zone in both languages, then deletes it after a confirmation; its places stay', async () => {
    await admin.getByRole('button', { name: 'Rename: E2E_VALLEY' }).click();
    const form = admin.getByTestId('zone-names-form');
    await form.locator('input[name=name_en]').fill('Renamed valley');
    await form.locator('input[name=name_es]').fill('Valle renombrado');
    await form.locator('button[type=submit]').click();
    const row = admin.getByTestId('zone-row-E2E_VALLEY');
    await expect.poll(() => row.textContent()).toMatch(/Renamed valley2/);
    let zones = (await (await admin.request.get(`${vigia.url}/api/programs/PE/zones`)).json()) as { zones: { code: string; name_es: string }[] };
    expect(zones.zones.find((z) => z.code === 'E2E_VALLEY')?.name_es).toBe('Valle renombrado');

    await admin.getByRole('button', { name: 'Delete: E2E_VALLEY' }).click();
    const confirm = admin.getByTestId('confirm-delete-zone');
    await expect.poll(() => confirm.textContent()).toMatch(/Delete zone E2E_VALLEY \(Renamed valley\)\? Its places stay/);
    expect(await seriousA11yViolations(admin)).toEqual([]);
    await confirm.getByRole('button', { name: 'Delete zone' }).click();
    await row.waitFor({ state: 'detached' });
    zones = (await (await admin.request.get(`${vigia.url}/api/programs/PE/zones`)).json()) as { zones: { code: string; name_es: string }[] };
    expect(zones.zones.some((z) => z.code === 'E2E_VALLEY')).toBe(false);
    expect(await admin.getByTestId('place-row-PE-10-E2E').count()).toBe(1);
  });

  it('deletes the new place now that nothing refers to it', async () => {
    await admin.getByRole('button', { name: 'Edit: PE-10-E2E' }).click();
    await admin.getByTestId('edit-place').getByRole('button', { name: 'Delete place' }).click();
    await admin.getByTestId('confirm-delete-place').getByRole('button', { name: 'Delete for good' }).click();
    await admin.getByTestId('place-row-PE-10-E2E').waitFor({ state: 'detached' });
    await expect
      .poll(() => admin.getByTestId('places-table').locator('xpath=ancestor::section[1]').getByRole('status').textContent())
      .toBe('Place PE-10-E2E deleted.');
    const places = (await (await admin.request.get(`${vigia.url}/api/programs/PE/places`)).json()) as { places: { code: string }[] };
    expect(places.places.some((p) => p.code === 'PE-10-E2E')).toBe(false);
  });

  it("changes a user's display name", async () => {
    await openTab(admin, 'users');
    await admin.getByRole('button', { name: `Edit: ${NEW_EMAIL}` }).click();
    const access = admin.getByTestId('user-access');
    await expect.poll(() => access.locator('input[name=name]').inputValue()).toBe('Rosa Quispe');
    await access.locator('input[name=name]').fill('Rosa Quispe Mamani');
    await access.locator('button[type=submit]').click();
    await access.waitFor({ state: 'detached' });
    await expect.poll(() => admin.getByTestId(`user-row-${NEW_EMAIL}`).textContent()).toMatch(/Rosa Quispe Mamani/);
    const users = (await (await admin.request.get(`${vigia.url}/api/users`)).json()) as { users: { email: string; name: string; role: string }[] };
    expect(users.users.find((u) => u.email === NEW_EMAIL)).toMatchObject({ name: 'Rosa Quispe Mamani', role: 'analyst' });
  });

  it('in Spanish, names what still refers to a place it will not delete', async () => {
    const page = await newPage(browser, vigia.url, 'es');
    await signIn(page, vigia.url, 'admin');
    await page.goto(`${vigia.url}/admin?tab=places`);
    await page.getByRole('button', { name: 'Editar: PE-10', exact: true }).click();
    await page.getByTestId('edit-place').getByRole('button', { name: 'Eliminar lugar' }).click();
    await page.getByTestId('confirm-delete-place').getByRole('button', { name: 'Eliminar definitivamente' }).click();
    const inUse = page.getByTestId('in-use');
    await expect.poll(() => inUse.textContent()).toMatch(/PE-10 no se eliminó: todavía está en uso\..*Valores de datos: \d+/);
    expect(await seriousA11yViolations(page)).toEqual([]);
    await page.context().close();
  });
});

describe('administration as a program officer', () => {
  let officer: Page;
  beforeAll(async () => {
    officer = await newPage(browser, vigia.url);
    await signIn(officer, vigia.url, 'officer');
  });

  it('offers only indicators and targets; the users API is refused', async () => {
    await officer.goto(`${vigia.url}/admin?tab=users`);
    await officer.getByTestId('indicators-table').waitFor();
    expect(await officer.getByTestId('admin-tab-users').count()).toBe(0);
    expect(await officer.getByTestId('users-table').count()).toBe(0);
    expect((await officer.request.get(`${vigia.url}/api/users`)).status()).toBe(403);
  });

  it('sets a 2014 target for ERAD_HA and sees it in the targets table and the API', async () => {
    await officer.getByRole('button', { name: 'Baselines and targets: ERAD_HA' }).click();
    const form = officer.getByTestId('set-target-form');
    await form.locator('select[name=kind]').selectOption('target');
    await form.locator('select[name=place]').selectOption('PE');
    await form.locator('input[name=period]').fill('20x4');
    await form.locator('input[name=value]').fill('25000');
    await form.locator('button[type=submit]').click();
    await expect.poll(() => officer.getByTestId('target-problems').textContent()).toMatch(/The period looks like/);
    await form.locator('input[name=period]').fill('2014');
    await form.locator('input[name=note]').fill('Set in the browser test');
    await form.locator('button[type=submit]').click();
    const row = officer.getByTestId('target-row-target-2014-PE');
    await expect.poll(() => row.textContent()).toMatch(/Target2014.*\(PE\).*25,000 hectares.*Set in the browser test/);
    expect(officer.url()).toMatch(/indicator=ERAD_HA/);
    const body = (await (await officer.request.get(`${vigia.url}/api/programs/PE/indicators`)).json()) as { indicators: Indicator[] };
    const erad = body.indicators.find((i) => i.code === 'ERAD_HA');
    expect(erad?.targets.find((x) => x.period === '2014' && x.kind === 'target' && x.place === 'PE')?.value).toBe(25000);
    expect(await seriousA11yViolations(officer)).toEqual([]);
    await screenshot(officer, 'admin-targets');
  });

  it('shows the page in Spanish', async () => {
    const page = await newPage(browser, vigia.url, 'es');
    await signIn(page, vigia.url, 'officer');
    await page.goto(`${vigia.url}/admin?indicator=ERAD_HA`);
    await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe('Administración');
    await expect.poll(() => page.getByTestId('targets-section').textContent()).toMatch(/Líneas de base y metas de/);
    expect(await seriousA11yViolations(page)).toEqual([]);
    await page.context().close();
  });
});

describe('your account', () => {
  it('an analyst changes their own display name, and the header shows it at once', async () => {
    const page = await newPage(browser, vigia.url);
    await signIn(page, vigia.url, 'analyst');
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Your account' }).click();
    await expect.poll(() => page.getByTestId('account-details').textContent()).toMatch(/analyst@e2e\.test.*Analyst/);
    const form = page.getByTestId('account-name-form');
    await expect.poll(() => form.locator('input[name=name]').inputValue()).toBe('E2E analyst');
    await form.locator('input[name=name]').fill(' ');
    await form.locator('button[type=submit]').click();
    await expect.poll(() => page.getByRole('alert').textContent()).toBe('A display name is required.');
    await form.locator('input[name=name]').fill('Lucía Analyst');
    await form.locator('button[type=submit]').click();
    await expect.poll(() => page.getByTestId('account-saved').textContent()).toBe('Your display name is now Lucía Analyst.');
    await expect.poll(() => page.getByTestId('who').textContent()).toMatch(/^Lucía Analyst · Analyst/);
    expect(await seriousA11yViolations(page)).toEqual([]);
    await screenshot(page, 'account');
    // Nothing else of the account changed, and the administrator sees the new name.
    const users = (await (await admin.request.get(`${vigia.url}/api/users`)).json()) as { users: { email: string; name: string; role: string }[] };
    expect(users.users.find((u) => u.email === 'analyst@e2e.test')).toMatchObject({ name: 'Lucía Analyst', role: 'analyst' });
    await page.context().close();
  });

  it('in Spanish', async () => {
    const page = await newPage(browser, vigia.url, 'es');
    await signIn(page, vigia.url, 'partner');
    await page.goto(`${vigia.url}/account`);
    await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe('Su cuenta');
    await expect.poll(() => page.getByTestId('account-details').textContent()).toMatch(/Organización.*\(CORAH\)/);
    expect(await seriousA11yViolations(page)).toEqual([]);
    await page.context().close();
  });
});
