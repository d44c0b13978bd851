// The console in a real browser (Debian's Chromium through playwright-core) against the real stack:
// the hub serving the built console, PostgreSQL, Kafka, and signals produced through the signing path.
import { mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { INestApplication } from '@nestjs/common';
import { decodeFeedback, FeedbackStatus, type SignalFeedback } from '@signaalhub/contracts';
import { loadReferenceData } from '@signaalhub/reference';
import type { Page } from 'playwright-core';
import request from 'supertest';
import { generateSignals, type SyntheticSignal } from '../apps/connectors/src/index.js';
import { buildConsole } from '../tools/console.js';
import { devSignIn } from '../tools/dev-users.js';
import { REPO_ROOT } from '../tools/paths.js';
import { expectAccessible, launchChromium, newWatchedPage, tabTo, type TestBrowser } from './support/browser.js';
import { HubWorld } from './support/hub-harness.js';

// `UPDATE_SCREENSHOTS=1 npm test -- test/console.e2e-spec.ts` refreshes the README's screenshots.
const SCREENSHOTS = process.env.UPDATE_SCREENSHOTS
  ? join(REPO_ROOT, 'docs', 'screenshots')
  : join(tmpdir(), 'signaalhub-screenshots');

const AMSTERDAM_WORKER = 'Medewerker Amsterdam';
const ROTTERDAM_WORKER = 'Medewerker Rotterdam';

describe('the console, in a browser, against the real stack', () => {
  const world = new HubWorld('console', { seedCreditors: true });
  const feedback: SignalFeedback[] = [];
  let hub: INestApplication;
  let base: string;
  let chromium: TestBrowser;
  /** The most urgent case of Amsterdam, as the database ranks it; worked and closed in the first test. */
  let urgentCase: { id: string; street: string };

  const produce = async (signals: SyntheticSignal[]) => {
    const producer = await world.bus.createProducer();
    await producer.send(world.topics.signals, world.records(signals));
  };

  beforeAll(async () => {
    mkdirSync(SCREENSHOTS, { recursive: true });
    const [consoleDir] = await Promise.all([buildConsole({ quiet: true }), world.databaseUrl]);
    await world.ensureTopics();
    const reader = world.bus.createConsumer({ groupId: `${world.id}-creditors`, topics: [world.topics.feedback] });
    await reader.start(async (batch) => {
      for (const m of batch.messages) feedback.push(decodeFeedback(m.value!));
    });
    hub = await world.startHub({ CONSOLE_DIR: consoleDir }, { devSignIn: devSignIn(world.keys) });
    base = (await hub.getUrl()).replace('[::1]', '127.0.0.1');
    const reference = loadReferenceData();
    await produce([
      ...generateSignals(reference, { count: 14, municipalities: ['GM0363'], seed: 41, households: 8 }),
      ...generateSignals(reference, { count: 6, municipalities: ['GM0599'], seed: 42, households: 4 }),
    ]);
    await world.eventually(
      () => world.count(`SELECT count(*) FROM signal`),
      (n) => n >= 20,
    );
    const { rows } = await world.db.query(
      `SELECT c.id, h.street FROM signal_case c JOIN household h ON h.id = c.household_id
       WHERE c.municipality = 'GM0363' AND c.status = 'NEW' ORDER BY c.urgency_score DESC, c.id DESC LIMIT 1`,
    );
    urgentCase = { id: rows[0].id, street: rows[0].street };
    chromium = await launchChromium();
  });

  afterAll(async () => {
    await chromium?.close();
    await world.close();
  });

  const newPage = () => newWatchedPage(chromium);

  const signInWithMouse = async (page: Page, name: string) => {
    await page.getByRole('button', { name: `Inloggen als ${name}` }).click();
  };

  it('serves the console beside the API: pages, files and headers, never in the way of /graphql, /health, /metrics', async () => {
    const http = request(hub.getHttpServer());
    const page = await http.get('/casussen/any-id').set('accept', 'text/html');
    expect(page.status).toBe(200);
    expect(page.text).toContain('<div id="root"></div>');
    expect(page.headers['content-security-policy']).toContain("script-src 'self'");
    expect(page.headers['content-security-policy']).toContain("frame-ancestors 'none'");
    expect(page.headers['x-content-type-options']).toBe('nosniff');
    expect((await http.get('/health')).body).toEqual({ status: 'ok' });
    expect((await http.get('/metrics')).text).toContain('# HELP');
    const graphql = await http.post('/graphql').send({ query: '{ __typename }' });
    expect(graphql.headers['content-type']).toContain('application/json');
    expect((await http.get('/assets/missing.js')).status).toBe(404);
    expect((await http.get('/console/config')).body).toEqual({ signIn: 'development' });
    const users = (await http.get('/dev/sign-in/users')).body as Array<{ name: string }>;
    expect(users.map((u) => u.name)).toEqual(expect.arrayContaining([AMSTERDAM_WORKER, ROTTERDAM_WORKER]));
  });

  it('lets a worker sign in, open the most urgent case, record an evening home visit and close it with advice, by keyboard alone; the creditors hear it on Kafka', async () => {
    const { page, cspViolations } = await newPage();
    await page.goto(`${base}/`);
    await page.getByRole('heading', { name: 'Inloggen' }).waitFor();
    await expectAccessible(page, 'sign-in');
    await page.screenshot({ path: join(SCREENSHOTS, 'sign-in.png'), fullPage: true });

    await tabTo(page, `Inloggen als ${AMSTERDAM_WORKER}`);
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { name: 'Casussen', level: 1 }).waitFor();
    const firstRow = page.locator('tbody tr').first();
    await firstRow.waitFor();
    expect(await firstRow.getAttribute('data-case-id')).toBe(urgentCase.id);
    await expectAccessible(page, 'case list');
    await page.screenshot({ path: join(SCREENSHOTS, 'case-list.png'), fullPage: true });

    // The first case link in the table is the most urgent case.
    await tabTo(page, new RegExp(`^Casus ${urgentCase.street} .* openen$`));
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { name: 'Contactpoging vastleggen' }).waitFor();
    expect(page.url()).toBe(`${base}/casussen/${urgentCase.id}`);
    await expectAccessible(page, 'case detail');
    await page.screenshot({ path: join(SCREENSHOTS, 'case-work.png'), fullPage: true });

    await tabTo(page, 'Soort contact');
    expect(await page.evaluate(() => (document.activeElement as HTMLSelectElement).value)).toBe('HOME_VISIT');
    await tabTo(page, 'Ja, bereikt');
    expect(await page.evaluate(() => (document.activeElement as HTMLInputElement).checked)).toBe(true);
    await tabTo(page, 'Dagdeel');
    await page.keyboard.type('Avond');
    expect(await page.evaluate(() => (document.activeElement as HTMLSelectElement).value)).toBe('EVENING');
    await tabTo(page, 'Contactpoging vastleggen');
    await page.keyboard.press('Enter');
    await page.getByText('De contactpoging is vastgelegd.').waitFor();
    await page.getByText(/Contactpoging: Huisbezoek, .* avond: bereikt/).waitFor();

    // Into the radio group of the end results: the first is "(Budget)advies en/of quick fix".
    await tabTo(page, '(Budget)advies en/of quick fix');
    await page.keyboard.press('Space');
    await tabTo(page, 'Casus afsluiten');
    await page.keyboard.press('Enter');
    await page.getByText('De casus is afgesloten met “(Budget)advies en/of quick fix”.').waitFor();
    await page.getByText('Deze casus is afgesloten. U kunt alleen nog notities toevoegen.').waitFor();
    await expectAccessible(page, 'closed case detail');
    await page.screenshot({ path: join(SCREENSHOTS, 'case-closed.png'), fullPage: true });

    const { rows } = await world.db.query(`SELECT status, result FROM signal_case WHERE id = $1`, [urgentCase.id]);
    expect(rows[0]).toEqual({ status: 'CLOSED', result: 'ADVICE_OR_QUICK_FIX' });
    const attempts = await world.db.query(`SELECT kind, reached, day_part FROM contact_attempt WHERE case_id = $1`, [
      urgentCase.id,
    ]);
    expect(attempts.rows).toEqual([{ kind: 'HOME_VISIT', reached: true, day_part: 'EVENING' }]);
    const refs = (
      await world.db.query(`SELECT creditor_id, creditor_signal_ref FROM signal WHERE case_id = $1`, [urgentCase.id])
    ).rows.map((r) => `${r.creditor_id}:${r.creditor_signal_ref}`);
    expect(refs.length).toBeGreaterThan(0);
    const heard = await world.eventually(
      async () =>
        new Set(
          feedback
            .filter((f) => f.status === FeedbackStatus.HELP_ACCEPTED)
            .map((f) => `${f.creditorId}:${f.creditorSignalRef}`),
        ),
      (set) => refs.every((ref) => set.has(ref)),
    );
    expect(refs.filter((ref) => !heard.has(ref))).toEqual([]);
    expect(cspViolations).toEqual([]);
  });

  it('never shows that case to a worker of another municipality, also not when its address is typed', async () => {
    const { page } = await newPage();
    await page.goto(`${base}/casussen/${urgentCase.id}`);
    // A typed address is a new page load: the token was in memory only, so the sign-in comes first
    // and brings the worker back to the address typed.
    await page.getByRole('heading', { name: 'Inloggen' }).waitFor();
    await signInWithMouse(page, ROTTERDAM_WORKER);
    await page.getByRole('heading', { name: 'Niet gevonden' }).waitFor();
    expect(page.url()).toBe(`${base}/casussen/${urgentCase.id}`);
    expect(await page.textContent('body')).not.toContain(urgentCase.street);
    await expectAccessible(page, 'not found');
    await page.screenshot({ path: join(SCREENSHOTS, 'not-found.png'), fullPage: true });

    // Nor in the list of every case of their municipality, whatever its status.
    await page.goto(`${base}/`);
    await signInWithMouse(page, ROTTERDAM_WORKER);
    await page.getByRole('heading', { name: 'Casussen', level: 1 }).waitFor();
    await page.getByLabel('Status').selectOption('ALL');
    await page.getByRole('button', { name: 'Filters toepassen' }).click();
    await page.waitForURL(/status=ALL/);
    await page.locator('tbody tr').first().waitFor();
    const shown = await page.locator('tbody tr').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-case-id')));
    expect(shown.length).toBeGreaterThan(0);
    expect(shown).not.toContain(urgentCase.id);
  });

  it('shows a new case in the list without a reload when its signal arrives', async () => {
    const { page } = await newPage();
    await page.goto(`${base}/`);
    await signInWithMouse(page, AMSTERDAM_WORKER);
    await page.locator('tbody tr').first().waitFor();
    await page.getByRole('link', { name: 'Mijn casussen' }).click();
    await page.getByRole('heading', { name: 'Mijn casussen' }).waitFor();
    await expectAccessible(page, 'my cases');
    await page.getByRole('link', { name: 'Casussen', exact: true }).click();
    await page.locator('tbody tr').first().waitFor();
    // Marks this document: a reload would start a new one without it.
    await page.evaluate(() => Object.assign(window, { __sameDocument: true }));
    const before = await world.count(`SELECT count(*) FROM signal_case WHERE municipality = 'GM0363'`);

    // A household the list has never seen: a crisis flag puts it at the top by urgency.
    const [generated] = generateSignals(loadReferenceData(), {
      count: 1,
      municipalities: ['GM0363'],
      seed: 4242,
      households: 1,
    });
    const signal = { ...generated!, signal: { ...generated!.signal, crisis: true } };
    await produce([signal]);
    const newCaseId = await world.eventually(
      async () =>
        (
          await world.db.query(
            `SELECT c.id FROM signal_case c JOIN signal s ON s.case_id = c.id WHERE s.creditor_signal_ref = $1`,
            [signal.signal.creditorSignalRef],
          )
        ).rows[0]?.id as string | undefined,
      (id) => id !== undefined,
    );
    expect(await world.count(`SELECT count(*) FROM signal_case WHERE municipality = 'GM0363'`)).toBe(before + 1);
    await page.locator(`tbody tr[data-case-id="${newCaseId}"]`).waitFor();
    await page.getByText('Er is een nieuwe casus binnengekomen. De lijst is bijgewerkt.').waitFor();
    expect(await page.evaluate(() => (window as unknown as { __sameDocument?: boolean }).__sameDocument)).toBe(true);
  });
});
