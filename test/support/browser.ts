/// <reference lib="dom" />
// (DOM types: the functions handed to page.evaluate run in the browser.)
// A real browser for the console's tests: Debian's Chromium driven by playwright-core (Playwright's
// own browser download cannot reach its host from these machines), and axe-core for accessibility.
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { expect } from '@jest/globals';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';

export const CHROMIUM = '/usr/bin/chromium';

/** Installs Debian's Chromium when it is missing (CI and the development machines run as root). */
export function ensureChromium(): string {
  if (existsSync(CHROMIUM)) return CHROMIUM;
  if (process.getuid?.() !== 0) {
    throw new Error(`${CHROMIUM} is missing: install Debian's chromium package (apt-get install -y chromium)`);
  }
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  execFileSync('apt-get', ['update'], { stdio: 'inherit', env });
  execFileSync('apt-get', ['install', '-y', '--no-install-recommends', 'chromium'], { stdio: 'inherit', env });
  if (!existsSync(CHROMIUM)) throw new Error(`apt-get installed chromium, but ${CHROMIUM} is not there`);
  return CHROMIUM;
}

export interface TestBrowser {
  browser: Browser;
  /** A fresh context (its own cookies and memory): one person at one computer. */
  newContext(): Promise<BrowserContext>;
  close(): Promise<void>;
}

/**
 * Headless Chromium with nothing that phones home. `launch` starts it with a fresh user-data-dir of
 * its own (a new temporary profile each time, removed when the browser closes).
 */
export async function launchChromium(): Promise<TestBrowser> {
  const executablePath = ensureChromium();
  const browser = await chromium.launch({
    executablePath,
    headless: true,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
  return {
    browser,
    newContext: () =>
      browser.newContext({ locale: 'nl-NL', timezoneId: 'Europe/Amsterdam', viewport: { width: 1280, height: 900 } }),
    close: () => browser.close(),
  };
}

const AXE_SOURCE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

export interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: string[];
}

/**
 * axe-core's WCAG 2.0/2.1 A and AA rules on the page as it is now. The source is evaluated over the
 * DevTools protocol, which the page's CSP does not govern, so the CSP under test stays as served.
 */
export async function axeViolations(page: Page): Promise<AxeViolation[]> {
  await page.evaluate(AXE_SOURCE);
  return page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run(context: Document, options: object): Promise<AxeResults> } }).axe;
    interface AxeResults {
      violations: Array<{ id: string; impact: string | null; help: string; nodes: Array<{ target: string[] }> }>;
    }
    const results = await axe.run(document, {
      runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] },
    });
    return results.violations.map((v) => ({
      id: v.id,
      impact: v.impact,
      help: v.help,
      nodes: v.nodes.map((n) => n.target.join(' ')),
    }));
  });
}

/**
 * Presses Tab until the focused element's accessible text matches, as a keyboard user would move
 * through the page; fails when it never gets there.
 */
export async function tabTo(page: Page, name: string | RegExp, maxPresses = 150): Promise<void> {
  const matches = (text: string) => (typeof name === 'string' ? text.trim() === name : name.test(text));
  for (let i = 0; i < maxPresses; i++) {
    await page.keyboard.press('Tab');
    const text = await page.evaluate(() => {
      const el = document.activeElement as HTMLElement | null;
      if (!el) return '';
      const labelled = el.getAttribute('aria-label');
      if (labelled) return labelled;
      const input = el as HTMLInputElement;
      if (input.labels && input.labels.length > 0) return input.labels[0]!.textContent ?? '';
      return el.innerText ?? el.textContent ?? '';
    });
    if (matches(text)) return;
  }
  throw new Error(`no focusable element named ${String(name)} within ${maxPresses} Tab presses`);
}

/** A page of a fresh browser context (one person at one computer) that records what the CSP refused. */
export async function newWatchedPage(browser: TestBrowser): Promise<{ page: Page; cspViolations: string[] }> {
  const context = await browser.newContext();
  const page = await context.newPage();
  const cspViolations: string[] = [];
  page.on('console', (message) => {
    if (message.text().includes('Content Security Policy')) cspViolations.push(message.text());
  });
  return { page, cspViolations };
}

/** axe-core finds nothing on the page as it is now; the view's name says where when it does. */
export async function expectAccessible(page: Page, view: string): Promise<void> {
  const violations = await axeViolations(page);
  expect({ view, violations }).toEqual({ view, violations: [] });
}
