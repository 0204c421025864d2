import { readFileSync } from 'node:fs';
import path from 'node:path';
import axe from 'axe-core';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadCards } from '../../core/practice/cards.ts';
import { parseState } from '../../core/practice/deck.ts';
import { available, openSite, type SiteUnderTest, SLOW, suiteName } from './browser-harness.ts';

/**
 * The Practice page in headless Chromium: the workbook's site served as `npm start` serves it
 * (see browser-harness.ts), driven from the keyboard only. The mock interview's countdown runs
 * on Playwright's clock, so four minutes pass in an instant.
 */

const SUITE = suiteName('the Practice page in headless Chromium');
const STATE_KEY = 'workbook-practice';

let harness: SiteUnderTest;
let server: SiteUnderTest['server'];
let out: string;
let firstQuestion: string;
let secondQuestion: string;
const newContext: SiteUnderTest['newContext'] = (options) => harness.newContext(options);

function watchErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(`console: ${message.text()}`);
  });
  page.on('pageerror', (error) => errors.push(`uncaught: ${error.message}`));
  page.on('response', (response) => {
    if (response.status() >= 400) errors.push(`HTTP ${response.status()}: ${response.url()}`);
  });
  return errors;
}

/** The state the page saved. (Page-side code is passed as text: this file is not compiled against the DOM.) */
const saved = async (page: Page) => parseState(((await page.evaluate(`localStorage.getItem(${JSON.stringify(STATE_KEY)})`)) as string | null) ?? 'null');

describe.skipIf(!available)(SUITE, () => {
  beforeAll(async () => {
    harness = await openSite({ api: false });
    ({ server, out } = harness);
    const cards = await loadCards();
    firstQuestion = cards[0]!.question.replace(/`/g, '');
    secondQuestion = cards[1]!.question.replace(/`/g, '');
  }, SLOW);

  afterAll(async () => {
    await harness?.close();
  });

  it('reviews cards from the keyboard: Enter starts, Space shows the key points, 3 rates Good; the schedule survives a reload', async () => {
    const { context, offsite } = await newContext();
    const page = await context.newPage();
    const errors = watchErrors(page);
    await page.goto(`${server.url}practice.html`);
    const start = page.locator('#practice-start');
    await expect(start.textContent()).resolves.toBe('Start: 0 due, 10 new');
    await page.keyboard.press('Enter');
    const question = page.locator('#practice-question');
    await expect(question.textContent()).resolves.toBe(firstQuestion);
    await expect(page.locator('#practice-back').isVisible(), 'the back of the card stays hidden at first').resolves.toBe(false);
    await page.keyboard.press('Space');
    await page.locator('.practice-points li').first().waitFor({ state: 'visible' });
    await expect(page.locator('.practice-ratings button').allTextContents()).resolves.toEqual(['1 Again 1 minute', '2 Hard 6 minutes', '3 Good 10 minutes', '4 Easy 8 days']);
    await page.keyboard.press('3');
    await expect(question.textContent()).resolves.toBe(secondQuestion);
    await expect(page.locator('.practice-status').textContent()).resolves.toMatch(/^Good: next review of the last card in 10 minutes/);
    const state = await saved(page);
    const [id, record] = Object.entries(state.cards)[0]!;
    expect(id).toMatch(/^01-message-formats\//);
    expect(record.reviews.map((r) => r.rating)).toEqual([3]);

    await page.reload();
    await expect(start.textContent(), 'one new card was introduced today').resolves.toBe('Start: 0 due, 9 new');
    await expect(page.locator('.practice-stats').textContent()).resolves.toContain('Reviewed today1');
    await page.keyboard.press('Enter');
    await expect(question.textContent(), 'after a restart the rated card is not due yet').resolves.toBe(secondQuestion);
    await page.keyboard.press('Escape');
    await start.waitFor({ state: 'visible' });
    expect(errors).toEqual([]);
    expect(offsite).toEqual([]);
    await context.close();
  }, SLOW);

  it('practises the card a chapter page links to', async () => {
    const { context } = await newContext();
    const page = await context.newPage();
    await page.goto(`${server.url}06-message-queues.html`);
    await expect(page.evaluate("getComputedStyle(document.querySelector('.key-points')).borderLeftWidth"), 'the key points are styled as a box on chapter pages').resolves.toBe('4px');
    const link = page.locator('.practise-link a').nth(2);
    const heading = (await page.locator('.key-points').nth(2).evaluate((box) => box.previousElementSibling?.textContent ?? '')).trim();
    await link.focus();
    await page.keyboard.press('Enter');
    await page.waitForURL(/practice\.html#06-message-queues\//);
    await expect(page.locator('#practice-question').textContent()).resolves.toBe(heading);
    await context.close();
  }, SLOW);

  it('runs a mock interview with a countdown, a typed answer and a checklist of key points', async () => {
    const { context } = await newContext();
    const page = await context.newPage();
    await page.clock.install({ time: new Date(2026, 4, 4, 12, 0, 0) });
    await page.goto(`${server.url}practice.html`);
    await page.locator('#practice-start').waitFor();
    // From here on, time moves only when the test moves it.
    await page.clock.pauseAt(new Date(2026, 4, 4, 12, 5, 0));
    await page.keyboard.press('m');
    const countdown = page.locator('.practice-countdown');
    await expect(countdown.textContent()).resolves.toBe('4:00 left');
    await page.clock.runFor(61_000);
    await expect(countdown.textContent()).resolves.toBe('2:59 left');
    await page.keyboard.press('Tab');
    await expect(page.evaluate('document.activeElement && document.activeElement.id')).resolves.toBe('mock-answer');
    await page.keyboard.type('A lease, a heartbeat, a cap.');
    await page.keyboard.press('Control+Enter');
    await page.locator('.practice-checklist').waitFor();
    await page.keyboard.press('1');
    await expect(page.locator('#mock-point-0').isChecked()).resolves.toBe(true);
    await page.keyboard.press('Enter');
    // The second question runs out of time.
    await expect(countdown.textContent()).resolves.toBe('4:00 left');
    await page.clock.runFor(241_000);
    await expect(page.locator('.practice-meta').textContent()).resolves.toContain('time ran out');
    await page.keyboard.press('Enter');
    for (let i = 3; i <= 5; i++) {
      await expect(page.locator('.practice-meta').textContent()).resolves.toContain(`question ${i} of 5`);
      await page.keyboard.press('Control+Enter');
      await page.locator('.practice-checklist').waitFor();
      await page.keyboard.press('Enter');
    }
    await expect(page.locator('#practice-question').textContent()).resolves.toBe('Mock interview finished');
    const rows = await page.locator('.practice-app tbody tr').allTextContents();
    expect(rows).toHaveLength(5);
    expect(rows[0]).toMatch(/1 of \d+1:01$/);
    expect(rows[1]).toMatch(/0 of \d+4:00 \(time ran out\)$/);
    await expect(page.locator('.practice-answer').allTextContents()).resolves.toEqual(['A lease, a heartbeat, a cap.']);
    await context.close();
  }, SLOW);

  it('keeps an unreadable saved state aside in storage, says so, and starts again', async () => {
    const { context } = await newContext();
    const page = await context.newPage();
    await page.goto(`${server.url}index.html`);
    await page.evaluate(`localStorage.setItem(${JSON.stringify(STATE_KEY)}, '{"version": 1, "cards": ')`);
    await page.goto(`${server.url}practice.html`);
    await expect(page.locator('.practice-note').first().textContent()).resolves.toMatch(/^Your saved practice could not be read \(it is not valid JSON\)\. It was kept in this browser's storage as “workbook-practice\.unreadable-/);
    const keys = (await page.evaluate("Object.keys(localStorage).filter((k) => k.startsWith('workbook-practice.unreadable-'))")) as string[];
    expect(keys).toHaveLength(1);
    expect(await page.evaluate(`localStorage.getItem(${JSON.stringify(keys[0])})`)).toBe('{"version": 1, "cards": ');
    await context.close();
  }, SLOW);

  it('lists every card with its key points without JavaScript', async () => {
    const { context } = await newContext({ javaScriptEnabled: false });
    const page = await context.newPage();
    await page.goto(`${server.url}practice.html`);
    await expect(page.locator('noscript').count()).resolves.toBe(1);
    await expect(page.locator('#practice-app').isVisible()).resolves.toBe(false);
    const count = (await loadCards()).length;
    await expect(page.locator('li.card').count()).resolves.toBe(count);
    await page.locator('.all-cards > summary').click();
    await expect(page.locator('li.card .card-points').first().isVisible()).resolves.toBe(true);
    const html = readFileSync(path.join(out, 'practice.html'), 'utf8');
    expect(html, 'the page loads its script from the site itself').toContain('<script type="module" src="assets/practice.js"></script>');
    await context.close();
  }, SLOW);

  it('has no serious or critical axe-core violations in any view, in the light and the dark theme', async () => {
    const audit = async (scheme: 'light' | 'dark'): Promise<string[]> => {
      const { context } = await newContext({ colorScheme: scheme, bypassCSP: true });
      const page = await context.newPage();
      await page.clock.install({ time: new Date(2026, 4, 4, 12, 0, 0) });
      const problems: string[] = [];
      const check = async (view: string, within = 'document'): Promise<void> => {
        await page.addScriptTag({ content: axe.source });
        const violations = (await page.evaluate(`axe.run(${within}, { resultTypes: ["violations"] }).then((r) => r.violations)`)) as Array<{ id: string; impact: string | null; help: string; nodes: Array<{ target: unknown[] }> }>;
        for (const v of violations) {
          if (v.impact === 'serious' || v.impact === 'critical') problems.push(`${scheme} ${view}: ${v.id} (${v.impact}) ${v.help} — ${v.nodes.slice(0, 3).map((n) => JSON.stringify(n.target)).join(', ')}`);
        }
      };
      await page.goto(`${server.url}06-message-queues.html`);
      // Chapter pages are audited whole by accessibility.browser.test.ts; here, the key-points boxes.
      await check('the key points on a chapter page', '{ include: [".key-points"] }');
      await page.goto(`${server.url}practice.html`);
      await page.locator('#practice-start').waitFor();
      await page.evaluate('document.querySelectorAll("details").forEach((d) => { d.open = true; })');
      await check('the dashboard and every card');
      await page.keyboard.press('Enter');
      await page.keyboard.press('Space');
      await page.locator('.practice-ratings').waitFor();
      await check('a card with its key points');
      await page.keyboard.press('Escape');
      await page.keyboard.press('m');
      // axe-core runs on timers, so the clock keeps flowing here; it jumps to the last 20 seconds.
      await page.clock.fastForward(220_000);
      await page.locator('.practice-countdown-low').waitFor();
      await check('a mock question in its last 30 seconds');
      // The time runs out (on a busy machine it may have run out during the audit), and the page
      // moves on to the checklist by itself either way.
      await page.clock.fastForward(60_000);
      await page.locator('.practice-checklist').waitFor();
      await check('the checklist of key points');
      await context.close();
      return problems;
    };
    const [light, dark] = await Promise.all([audit('light'), audit('dark')]);
    expect([...light, ...dark]).toEqual([]);
  }, SLOW);
});
