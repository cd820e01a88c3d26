import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { repoRoot } from './server';

export const artifactsDir = path.join(repoRoot, 'test-artifacts');
const CHROMIUM = process.env.PARLEY_CHROMIUM ?? '/usr/bin/chromium';

export interface TestBrowser {
  browser: Browser;
  close: () => Promise<void>;
}

/** Debian's Chromium, headless (never a downloaded browser); Playwright gives each launch a fresh temporary profile. */
export async function launchBrowser(): Promise<TestBrowser> {
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: [
      '--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
      '--disable-component-update', '--disable-sync',
    ],
  });
  return {
    browser,
    close: () => browser.close(),
  };
}

export interface UserContext {
  context: BrowserContext;
  page: Page;
  /** Every Content-Security-Policy violation any page of the context reported, as `directive blocked-uri`. */
  cspViolations: string[];
}

/** A screen to emulate: its viewport, and for phones and tablets a touch screen. */
export interface Device {
  viewport: { width: number; height: number };
  isMobile?: boolean;
  hasTouch?: boolean;
}

const desktop: Device = { viewport: { width: 1440, height: 900 } };

export async function newUserContext(browser: Browser, baseURL: string, device: Device = desktop): Promise<UserContext> {
  const context = await browser.newContext({ baseURL, ...device, locale: 'en-US' });
  // Fail a stuck step with its own message instead of hanging until the test times out.
  context.setDefaultTimeout(20_000);
  const cspViolations: string[] = [];
  await context.exposeBinding('__reportCspViolation', (_source, violation: string) => {
    cspViolations.push(violation);
  });
  await context.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (e) => {
      const report = (window as unknown as { __reportCspViolation: (v: string) => void }).__reportCspViolation;
      report(`${e.effectiveDirective} ${e.blockedURI || 'inline'} ${e.sample}`.trim());
    });
  });
  const page = await context.newPage();
  page.on('pageerror', (err) => console.error(`[page error] ${err.message}`));
  if (process.env.PARLEY_E2E_DEBUG) traceForDebugging(page);
  return { context, page, cspViolations };
}

let pagesTraced = 0;
const traceStart = Date.now();

/**
 * PARLEY_E2E_DEBUG: what the page logs, its failed requests and its WebSocket frames both ways, each line with the
 * milliseconds since the run began and which page it is, so the order of requests and events across users shows.
 */
function traceForDebugging(page: Page): void {
  const tag = `page ${++pagesTraced}`;
  const log = (text: string): void => console.log(`${Date.now() - traceStart} ${tag} ${text}`);
  page.on('console', (m) => log(`[console] ${m.text()}`));
  page.on('response', (r) => r.status() >= 400 && log(`[http ${r.status()}] ${r.request().method()} ${r.url()}`));
  page.on('websocket', (ws) => {
    log(`[ws open] ${ws.url()}`);
    ws.on('framereceived', (f) => log(`[ws <] ${String(f.payload).slice(0, 160)}`));
    ws.on('framesent', (f) => log(`[ws >] ${String(f.payload).slice(0, 160)}`));
    ws.on('close', () => log('[ws closed]'));
  });
}

export async function screenshot(page: Page, name: string): Promise<void> {
  mkdirSync(artifactsDir, { recursive: true });
  await page.screenshot({ path: path.join(artifactsDir, `${name}.png`) });
}

/** Logs in through the login page and waits for the team's first page (`landing`, a URL glob or pattern). */
export async function logIn(page: Page, username: string, password: string, landing: string | RegExp): Promise<void> {
  await page.goto('/login');
  await page.getByLabel('Email or username').fill(username);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Log in' }).click();
  await page.waitForURL(landing);
}
