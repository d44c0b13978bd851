// The console's views of the team lead, the privacy officer and the operator, in a real browser
// (Debian's Chromium through playwright-core) against the real stack: the hub serving the built
// console, PostgreSQL, Kafka, and signals produced through the signing path.
import { mkdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { INestApplication } from '@nestjs/common';
import type { SignalInit } from '@signaalhub/contracts';
import { addDays, dutchDateOf } from '@signaalhub/domain';
import { loadDdasSchema, loadReferenceData } from '@signaalhub/reference';
import { Ajv2020 } from 'ajv/dist/2020.js';
import formats from 'ajv-formats';
import type { Page } from 'playwright-core';
import { generateSignals, type SyntheticSignal } from '../apps/connectors/src/index.js';
import { buildConsole } from '../tools/console.js';
import { devSignIn } from '../tools/dev-users.js';
import { REPO_ROOT } from '../tools/paths.js';
import { expectAccessible, launchChromium, newWatchedPage, type TestBrowser } from './support/browser.js';
import { gql } from './support/graphql.js';
import { HubWorld } from './support/hub-harness.js';

// `UPDATE_SCREENSHOTS=1 npm test -- test/console-roles.e2e-spec.ts` refreshes the README's screenshots.
const SCREENSHOTS = process.env.UPDATE_SCREENSHOTS
  ? join(REPO_ROOT, 'docs', 'screenshots')
  : join(tmpdir(), 'signaalhub-screenshots');

const WORKER = { name: 'Medewerker Amsterdam', sub: 'demo-worker-amsterdam' };
const TEAM_LEAD = 'Teamleider Amsterdam';
const PRIVACY_OFFICER = 'Privacyfunctionaris Amsterdam';
const OPERATOR = 'Beheerder';

/** Every view of the other roles, as a worker might type its address. */
const OTHER_ROLES_VIEWS = [
  '/werkbakjes',
  '/cijfers',
  '/auditlog',
  '/gegevensdeling',
  '/bewaartermijnen',
  '/inzageverzoek',
  '/schuldeisers',
  '/ongerouteerd',
  '/gemeentebeleid',
];

const ajv = new Ajv2020({ allErrors: true, strict: true, strictTypes: false, strictRequired: false });
formats.default(ajv);
const validDdas = ajv.compile(loadDdasSchema());

describe('the console of the team lead, the privacy officer and the operator, in a browser', () => {
  const world = new HubWorld('consoleroles', { seedCreditors: true });
  let hub: INestApplication;
  let base: string;
  let chromium: TestBrowser;
  let generated: SyntheticSignal[];
  /** Amsterdam's open cases, most urgent first: [0] is assigned by the team lead, [1] read by a worker. */
  let openCases: string[];

  beforeAll(async () => {
    mkdirSync(SCREENSHOTS, { recursive: true });
    const [consoleDir] = await Promise.all([buildConsole({ quiet: true }), world.databaseUrl]);
    await world.ensureTopics();
    hub = await world.startHub({ CONSOLE_DIR: consoleDir }, { devSignIn: devSignIn(world.keys) });
    base = (await hub.getUrl()).replace('[::1]', '127.0.0.1');
    const reference = loadReferenceData();
    // Signalled twelve days ago, so the figures have days to the first contact to show.
    const today = dutchDateOf(new Date());
    generated = generateSignals(reference, {
      count: 16,
      municipalities: ['GM0363'],
      seed: 51,
      households: 10,
      signalDate: addDays(today, -12),
    });
    // PC4 1096 lies in Amsterdam and Ouder-Amstel: without a place name the hub holds these back.
    const unrouted = [1, 2].map((n) => ({
      creditorId: generated[0]!.creditorId,
      signal: {
        ...(generated[0]!.signal as SignalInit),
        creditorSignalRef: `AMBIGUOUS-${n}`,
        postcode: '1096AB',
        houseNumber: n,
        place: '',
      },
    }));
    const producer = await world.bus.createProducer();
    await producer.send(world.topics.signals, world.records([...generated, ...unrouted]));
    await world.eventually(
      () => world.count(`SELECT count(*) FROM signal`),
      (n) => n >= generated.length + unrouted.length,
    );
    const { rows } = await world.db.query(
      `SELECT id FROM signal_case WHERE municipality = 'GM0363' AND status = 'NEW'
       ORDER BY urgency_score DESC, id DESC`,
    );
    openCases = rows.map((r) => r.id as string);
    expect(openCases.length).toBeGreaterThanOrEqual(4);

    // A worker's work the figures count: a call that did not reach anyone, and the least urgent case
    // visited in the evening and closed with advice.
    const worker = await world.token({ sub: WORKER.sub, roles: ['worker'], municipality: 'GM0363' });
    const last = openCases[openCases.length - 1]!;
    const attempt = `mutation A($id: ID!, $input: ContactAttemptInput!) { recordContactAttempt(caseId: $id, input: $input) { id } }`;
    for (const [id, input] of [
      [openCases[2], { kind: 'PHONE', reached: false, date: today, dayPart: 'MORNING' }],
      [last, { kind: 'HOME_VISIT', reached: true, date: today, dayPart: 'EVENING' }],
    ] as const) {
      expect((await gql(hub, attempt, { id, input }, worker)).errors).toBeUndefined();
    }
    const close = await gql(
      hub,
      `mutation C($id: ID!) { closeCase(id: $id, result: ADVICE_OR_QUICK_FIX) { id } }`,
      { id: last },
      worker,
    );
    expect(close.errors).toBeUndefined();
    chromium = await launchChromium();
  });

  afterAll(async () => {
    await chromium?.close();
    await world.close();
  });

  const newPage = () => newWatchedPage(chromium);

  const signIn = async (page: Page, name: string, path = '/') => {
    // The sign-in button is what we wait for, not every file of the page.
    await page.goto(`${base}${path}`, { waitUntil: 'domcontentloaded' });
    await page.getByRole('button', { name: `Inloggen als ${name}` }).click();
  };

  /** Chart.js drew something: the canvas holds pixels that are not transparent. */
  const chartDrawn = (page: Page, index = 0) =>
    page.waitForFunction((i) => {
      const canvas = document.querySelectorAll('canvas')[i];
      if (!canvas || canvas.width === 0) return false;
      const pixels = canvas.getContext('2d')!.getImageData(0, 0, canvas.width, canvas.height).data;
      for (let p = 3; p < pixels.length; p += 4) if (pixels[p]! > 0) return true;
      return false;
    }, index);

  it('lets the team lead make a work queue, assign a case from it, see the figures as charts and download the DDAS delivery', async () => {
    const { page, cspViolations } = await newPage();
    await signIn(page, TEAM_LEAD);
    await page.getByRole('heading', { name: 'Casussen', level: 1 }).waitFor();
    await page.getByRole('link', { name: 'Werkbakjes' }).click();
    await page.getByRole('heading', { name: 'Werkbakjes', level: 1 }).waitFor();
    await page.getByText('Er zijn nog geen werkbakjes.').waitFor();
    await expectAccessible(page, 'work queues (empty)');

    await page.getByLabel('Naam van het werkbakje').fill('Nog niet toegewezen');
    await page.getByLabel('Alleen casussen die aan niemand zijn toegewezen').check();
    await page.getByRole('button', { name: 'Werkbakje maken' }).click();
    await page.getByText('Het werkbakje “Nog niet toegewezen” is gemaakt.').waitFor();
    const row = page.locator('tbody tr', { hasText: 'Nog niet toegewezen' });
    await row.waitFor();
    // The count is the hub's: every open case of Amsterdam, none assigned yet.
    const open = await world.count(
      `SELECT count(*) FROM signal_case WHERE municipality = 'GM0363' AND status IN ('NEW', 'IN_PROGRESS') AND assigned_to IS NULL`,
    );
    expect(await row.locator('td').nth(2).textContent()).toBe(String(open));
    await expectAccessible(page, 'work queues');
    await page.screenshot({ path: join(SCREENSHOTS, 'work-queues.png'), fullPage: true });

    await row.getByRole('link', { name: 'Nog niet toegewezen' }).click();
    await page.getByRole('heading', { name: 'Werkbakje Nog niet toegewezen' }).waitFor();
    const caseRow = page.locator(`tbody tr[data-case-id="${openCases[0]}"]`);
    await caseRow.waitFor();
    expect(await page.locator('tbody tr').first().getAttribute('data-case-id')).toBe(openCases[0]);
    await expectAccessible(page, 'work queue cases');
    await caseRow.getByRole('textbox').fill(WORKER.sub);
    await caseRow.getByRole('button', { name: 'Toewijzen' }).click();
    await page.getByText(new RegExp(`is toegewezen aan ${WORKER.sub}\\.`)).waitFor();
    const assigned = await world.db.query(`SELECT assigned_to FROM signal_case WHERE id = $1`, [openCases[0]]);
    expect(assigned.rows[0].assigned_to).toBe(WORKER.sub);
    // An unassigned queue no longer lists the case once it is assigned.
    await page.locator(`tbody tr[data-case-id="${openCases[0]}"]`).waitFor({ state: 'detached' });
    await page.screenshot({ path: join(SCREENSHOTS, 'work-queue-assign.png'), fullPage: true });

    await page.getByRole('link', { name: 'Cijfers' }).click();
    await page.getByRole('heading', { name: 'Cijfers', level: 1 }).waitFor();
    await page.getByRole('img', { name: /^Opgepakt .* van de casussen\.$/ }).waitFor();
    await chartDrawn(page, 0);
    await chartDrawn(page, 1);
    await chartDrawn(page, 2);
    // Twelve days from the signal to the first contact attempt and to the first reached contact.
    await page
      .getByRole('img', {
        name: 'Tot de eerste contactpoging: 12 dagen. Tot het eerste contact waarbij de inwoner is bereikt: 12 dagen.',
      })
      .waitFor();
    // The closed case is in the results chart's table: one "(Budget)advies en/of quick fix".
    const results = page.locator('figure', { hasText: 'Eindresultaten van 1 afgesloten casus' });
    await expect(results.locator('tbody tr').allTextContents()).resolves.toEqual(['(Budget)advies en/of quick fix1']);
    await expectAccessible(page, 'figures');
    await page.screenshot({ path: join(SCREENSHOTS, 'kpis.png'), fullPage: true });

    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'DDAS-levering downloaden' }).click(),
    ]);
    expect(download.suggestedFilename()).toMatch(/^ddas-GM0363-\d{4}-\d{2}-\d{2}-\d{4}-\d{2}-\d{2}-1\.json$/);
    const document = JSON.parse(readFileSync((await download.path())!, 'utf8')) as {
      leveringen: Array<{ vroegsignalen: unknown[] }>;
    };
    expect(validDdas(document)).toBe(true);
    const notice = await page.getByText(/^Pagina 1 van 1 is gedownload: \d+ signalen en \d+ casussen\.$/).textContent();
    const signals = Number(/(\d+) signalen/.exec(notice!)![1]);
    expect(signals).toBeGreaterThan(0);
    expect(document.leveringen[0]!.vroegsignalen).toHaveLength(signals);
    const exported = await world.count(
      `SELECT count(*) FROM audit_event WHERE action = 'DDAS_EXPORTED' AND actor = 'demo-teamlead-amsterdam'`,
    );
    expect(exported).toBeGreaterThan(0);
    expect(cspViolations).toEqual([]);
  });

  it('lets the privacy officer find a worker’s reads of a case in the audit log, verify the chain, and print a subject access report', async () => {
    // A worker opens a case by its address.
    const worker = (await newPage()).page;
    await signIn(worker, WORKER.name, `/casussen/${openCases[1]}`);
    await worker.getByRole('heading', { name: 'Contactpoging vastleggen' }).waitFor();
    await worker.context().close();

    const { page, cspViolations } = await newPage();
    await signIn(page, PRIVACY_OFFICER);
    await page.getByRole('heading', { name: 'Auditlog', level: 1 }).waitFor();
    await page.locator('tbody tr').first().waitFor();
    await page.getByLabel('Casusnummer').fill(openCases[1]!);
    await page.getByLabel('Gebruiker').fill(WORKER.sub);
    await page.getByRole('button', { name: 'Zoeken', exact: true }).click();
    await page.waitForURL(/casus=/);
    // The search's answer: only the worker's entries about that case, among them the case read.
    await page.waitForFunction((worker) => {
      const rows = Array.from(document.querySelectorAll('tbody tr'));
      return (
        rows.length > 0 &&
        rows.every((row) => row.getAttribute('data-audit-actor') === worker) &&
        rows.some((row) => row.getAttribute('data-audit-action') === 'CASE_VIEWED')
      );
    }, WORKER.sub);
    const viewed = page.locator(`tbody tr[data-audit-action="CASE_VIEWED"]`);
    expect(await viewed.first().textContent()).toContain(openCases[1]);

    await page.getByRole('button', { name: 'Keten controleren' }).click();
    await page.getByText(/^De keten van GM0363 is in orde: \d+ regels gecontroleerd\.$/).waitFor();
    await expectAccessible(page, 'audit log');
    await page.screenshot({ path: join(SCREENSHOTS, 'audit-log.png'), fullPage: true });

    await page.getByRole('link', { name: 'Gegevensdeling' }).click();
    await page.getByRole('heading', { name: 'Gegevensdeling', level: 1 }).waitFor();
    await chartDrawn(page);
    await expectAccessible(page, 'data sharing');
    await page.screenshot({ path: join(SCREENSHOTS, 'data-sharing.png'), fullPage: true });

    await page.getByRole('link', { name: 'Bewaartermijnen' }).click();
    await page.getByRole('heading', { name: 'Termijnen', exact: true }).waitFor();
    await expectAccessible(page, 'retention');
    await page.screenshot({ path: join(SCREENSHOTS, 'retention.png'), fullPage: true });

    // The person of the case the worker read, named as they would name themselves.
    const { rows } = await world.db.query(
      `SELECT surname, to_char(birth_date, 'YYYY-MM-DD') AS birth_date, postcode, house_number FROM signal
       WHERE case_id = $1 AND birth_date IS NOT NULL LIMIT 1`,
      [openCases[1]],
    );
    const person = rows[0] as { surname: string; birth_date: string; postcode: string; house_number: number };
    await page.getByRole('link', { name: 'Inzageverzoek' }).click();
    await page.getByRole('heading', { name: 'Inzageverzoek', level: 1 }).waitFor();
    await expectAccessible(page, 'subject access (form)');
    await page.getByLabel('Achternaam (zonder voorvoegsel)').fill(person.surname);
    await page.getByLabel('Geboortedatum').fill(person.birth_date);
    await page.getByLabel('Postcode (1234AB)').fill(person.postcode);
    await page.getByLabel('Huisnummer').fill(String(person.house_number));
    await page.getByRole('button', { name: 'Gegevens opzoeken' }).click();
    await page.getByRole('heading', { name: 'Overzicht van persoonsgegevens, gemeente GM0363' }).waitFor();
    // The worker's read is among the accesses the person is told about.
    await page.locator('.sh-report tbody tr', { hasText: WORKER.sub }).first().waitFor();
    await expectAccessible(page, 'subject access report');
    await page.screenshot({ path: join(SCREENSHOTS, 'subject-access.png'), fullPage: true });
    // Printed, the report stands alone: no header, menu, search form or buttons.
    await page.emulateMedia({ media: 'print' });
    expect(await page.locator('.sh-header').isVisible()).toBe(false);
    expect(await page.getByRole('navigation').isVisible()).toBe(false);
    expect(await page.getByRole('button', { name: 'Gegevens opzoeken' }).isVisible()).toBe(false);
    expect(await page.getByRole('heading', { name: /^Overzicht van persoonsgegevens/ }).isVisible()).toBe(true);
    await page.screenshot({ path: join(SCREENSHOTS, 'subject-access-print.png'), fullPage: true });
    expect(cspViolations).toEqual([]);
  });

  it('lets the operator see the creditors with their keys and agreements, and route an unrouted signal', async () => {
    const { page, cspViolations } = await newPage();
    await signIn(page, OPERATOR);
    await page.getByRole('heading', { name: 'Schuldeisers', level: 1 }).waitFor();
    const creditor = page.locator(`article[data-creditor-id="${generated[0]!.creditorId}"]`);
    await creditor.getByRole('heading', { name: 'Sleutels' }).waitFor();
    expect(await creditor.getByText('Actief').count()).toBeGreaterThan(0);
    // Its agreements with every municipality read as one row per sector and term.
    expect(await creditor.getByText(/^\d{3} gemeenten$/).count()).toBeGreaterThan(0);
    await expectAccessible(page, 'creditors');
    // The first creditors: the whole registry makes a very long picture.
    await page.screenshot({
      path: join(SCREENSHOTS, 'creditors.png'),
      fullPage: true,
      clip: { x: 0, y: 0, width: 1280, height: 1500 },
    });

    await page.getByRole('link', { name: 'Niet-gerouteerd' }).click();
    await page.getByText('2 signalen wachten op routering').waitFor();
    await expectAccessible(page, 'unrouted signals');
    await page.getByRole('button', { name: 'Signaal AMBIGUOUS-1 (1096AB) routeren' }).click();
    await page.getByRole('heading', { name: 'Signaal AMBIGUOUS-1 (1096AB) routeren' }).waitFor();
    // Rotterdam is not where 1096 lies: without a reason the hub refuses, and the console says why.
    await page.getByLabel('Naar gemeente').fill('GM0599');
    await page.getByRole('button', { name: 'Signaal routeren' }).click();
    const refusal = page.getByRole('alert');
    await refusal.getByText(/^Controleer de gemeentecode\. Ligt de gemeente buiten het postcodegebied/).waitFor();
    expect(await refusal.textContent()).not.toContain('BAD_USER_INPUT');
    await expectAccessible(page, 'unrouted signals, routing form with a refusal');
    await page.screenshot({ path: join(SCREENSHOTS, 'unrouted.png'), fullPage: true });
    await page.getByLabel('Naar gemeente').fill('GM0363');
    await page.getByRole('button', { name: 'Signaal routeren' }).click();
    await page.getByText(/^Het signaal is naar GM0363 gestuurd/).waitFor();
    await page.getByText('1 signaal wacht op routering').waitFor();
    const routed = await world.db.query(
      `SELECT routing, municipality, case_id FROM signal WHERE creditor_signal_ref = 'AMBIGUOUS-1'`,
    );
    expect(routed.rows[0]).toEqual(expect.objectContaining({ routing: 'ROUTED', municipality: 'GM0363' }));

    await page.getByRole('link', { name: 'Gemeentebeleid' }).click();
    await page.getByRole('heading', { name: 'Beleid instellen' }).waitFor();
    await expectAccessible(page, 'municipality policy');
    expect(cspViolations).toEqual([]);
  });

  it('refuses a worker every view of the other roles, also by a typed address, and lists none of them', async () => {
    const { page } = await newPage();
    const refused = async (path: string) => {
      await page.getByRole('heading', { name: 'Geen toegang' }).waitFor();
      expect(page.url()).toBe(`${base}${path}`);
      const owner = ['/werkbakjes', '/cijfers'].includes(path)
        ? 'Teamleider'
        : ['/schuldeisers', '/ongerouteerd', '/gemeentebeleid'].includes(path)
          ? 'Beheerder'
          : 'Privacyfunctionaris';
      await page
        .getByText(`Deze pagina is alleen voor: ${owner}. U bent ingelogd als Medewerker schuldhulp.`)
        .waitFor();
    };
    // A typed address is a new page load, and so a new sign-in: one view of each role that way.
    for (const path of ['/werkbakjes', '/auditlog', '/schuldeisers']) {
      await signIn(page, WORKER.name, path);
      await refused(path);
    }
    // Every view, as the address changes within the signed-in session (the browser's back and forward).
    const go = (to: string) =>
      page.evaluate((path) => {
        window.history.pushState(null, '', path);
        window.dispatchEvent(new PopStateEvent('popstate'));
      }, to);
    for (const path of OTHER_ROLES_VIEWS) {
      // From the worker's own list each time, so every refusal is drawn afresh.
      await go('/mijn-casussen');
      await page.getByRole('heading', { name: 'Mijn casussen', level: 1 }).waitFor();
      await go(path);
      await refused(path);
    }
    const menu = await page.getByRole('navigation', { name: 'Hoofdmenu' }).getByRole('link').allTextContents();
    expect(menu).toEqual(['Casussen', 'Mijn casussen']);
    await expectAccessible(page, 'no access');
    await page.screenshot({ path: join(SCREENSHOTS, 'no-access.png'), fullPage: true });
  });
});
