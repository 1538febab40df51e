/**
 * The public status page in a real browser: Debian's Chromium, driven by
 * playwright-core, opens the index.html that `crisis page` wrote for a run of
 * the built-in Messenger playbook, at 360 px and 1280 px wide, in light and
 * dark, in English and French, with JavaScript off. It checks the visible
 * text, that the page asks for nothing beyond its own file, that nothing
 * overflows sideways, the contrast of every piece of text (WCAG AA), and
 * saves a screenshot of each case under test/output/page/.
 */
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium, type Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { catalogueFor } from '../../src/i18n/index.js';
import { buildRealPage } from '../fixtures/page/real-run.js';
import { ROOT } from './helpers.js';

/** Debian's package puts the browser here; CRISIS_CHROMIUM names another. */
const CHROMIUM = process.env.CRISIS_CHROMIUM ?? '/usr/bin/chromium';
const found = existsSync(CHROMIUM);
if (!found) {
  console.warn(`page-browser: skipped, no Chromium at ${CHROMIUM} (install it with "apt-get install -y chromium", as .ci/run does, or set CRISIS_CHROMIUM)`);
}

const SHOTS = join(ROOT, 'test', 'output', 'page');

// What the two functions below use of the browser's DOM (they run in the page; the tests' types have no DOM library).
interface DomElement {
  tagName: string;
  textContent: string | null;
  parentElement: DomElement | null;
  childNodes: ArrayLike<{ nodeType: number; textContent: string | null }>;
  getBoundingClientRect(): { right: number };
}
interface DomStyle {
  color: string;
  backgroundColor: string;
  fontSize: string;
  fontWeight: string;
}
declare const document: {
  documentElement: DomElement & { clientWidth: number; scrollWidth: number };
  body: { querySelectorAll(selector: string): ArrayLike<DomElement> };
};
declare const getComputedStyle: (element: DomElement) => DomStyle;
declare const Node: { TEXT_NODE: number };

interface Summary {
  page: { name: string };
  status: { description: string };
  components: Array<{ name: string; status: 'operational' | 'degraded_performance' | 'partial_outage' | 'major_outage' }>;
  incidents: Array<{ name: string; status: string; resolved_at: string | null; incident_updates: Array<{ body: string }> }>;
}

/** Text pieces whose contrast with what is behind them is below WCAG AA (4.5:1, 3:1 for large text). */
function lowContrast(): string[] {
  const parse = (c: string): [number, number, number, number] => {
    const m = /rgba?\(([\d.]+),? ([\d.]+),? ([\d.]+)(?:,? \/? ?([\d.]+))?\)/.exec(c);
    if (!m) throw new Error(`unknown colour ${c}`);
    return [Number(m[1]), Number(m[2]), Number(m[3]), m[4] === undefined ? 1 : Number(m[4])];
  };
  const luminance = ([r, g, b]: number[]) => {
    const lin = (v: number) => {
      const s = v / 255;
      return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
    };
    return 0.2126 * lin(r as number) + 0.7152 * lin(g as number) + 0.0722 * lin(b as number);
  };
  const background = (el: DomElement | null): [number, number, number, number] => {
    for (let e = el; e; e = e.parentElement) {
      const bg = parse(getComputedStyle(e).backgroundColor);
      if (bg[3] > 0) return bg;
    }
    return [255, 255, 255, 1];
  };
  const low: string[] = [];
  for (const el of Array.from(document.body.querySelectorAll('*'))) {
    const own = Array.from(el.childNodes).some((n) => n.nodeType === Node.TEXT_NODE && (n.textContent ?? '').trim() !== '');
    if (!own) continue;
    const style = getComputedStyle(el);
    const fg = luminance(parse(style.color));
    const bg = luminance(background(el));
    const ratio = (Math.max(fg, bg) + 0.05) / (Math.min(fg, bg) + 0.05);
    const size = parseFloat(style.fontSize);
    const large = size >= 24 || (size >= 18.66 && Number(style.fontWeight) >= 700);
    if (ratio < (large ? 3 : 4.5)) low.push(`${el.tagName.toLowerCase()} "${(el.textContent ?? '').trim().slice(0, 40)}" ${ratio.toFixed(2)}:1`);
  }
  return low;
}

/** Elements whose right edge goes past the window, and the document's own width beyond it. */
function overflow(): string[] {
  const width = document.documentElement.clientWidth;
  const out: string[] = [];
  if (document.documentElement.scrollWidth > width) out.push(`document ${document.documentElement.scrollWidth}px > ${width}px`);
  for (const el of Array.from(document.body.querySelectorAll('*'))) {
    const r = el.getBoundingClientRect();
    if (r.right > width + 0.5) out.push(`${el.tagName.toLowerCase()} "${(el.textContent ?? '').trim().slice(0, 40)}" ends at ${Math.round(r.right)}px`);
  }
  return out;
}

describe.skipIf(!found)('the status page in Chromium', () => {
  let browser: Browser;

  beforeAll(async () => {
    mkdirSync(SHOTS, { recursive: true });
    browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox'] });
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
  });

  for (const lang of ['en', 'fr'] as const) {
    it(`reads well in ${lang} at 360 px and 1280 px, light and dark, with nothing fetched and nothing overflowing`, async () => {
      const built = await buildRealPage(lang);
      const file = join(built.folder, 'index.html');
      const url = pathToFileURL(file).href;
      const summary = JSON.parse(readFileSync(join(built.folder, 'summary.json'), 'utf8')) as Summary;
      const words = catalogueFor(lang).page;
      const backgrounds = new Map<string, string>();

      for (const width of [360, 1280]) {
        const context = await browser.newContext({ viewport: { width, height: 800 }, javaScriptEnabled: false });
        const requests: string[] = [];
        context.on('request', (r) => requests.push(r.url()));
        // anything but the page's own file is refused, so a stray request cannot reach the network
        await context.route('**/*', (route) => (route.request().url() === url ? route.continue() : route.abort()));
        const page = await context.newPage();
        for (const colorScheme of ['light', 'dark'] as const) {
          await page.emulateMedia({ colorScheme });
          requests.length = 0;
          await page.goto(url);
          const where = `${lang} ${width}px ${colorScheme}`;

          const text = await page.locator('body').innerText();
          // the brand's page, its state, each channel with its state in words
          expect(await page.title(), where).toBe(words.title('Acme'));
          expect(text, where).toContain(lang === 'fr' ? 'État des services Acme' : 'Acme status');
          expect(text, where).toContain(summary.status.description);
          expect(summary.components.length, where).toBeGreaterThan(1);
          for (const c of summary.components) {
            const row = page.locator('ul.components li', { hasText: c.name });
            expect(await row.count(), `${where}: ${c.name}`).toBe(1);
            expect(await row.innerText(), where).toContain(words.status[c.status]);
          }
          // the open incident: its latest message, every update, the next update time
          const [open, past] = summary.incidents;
          expect(open?.resolved_at).toBeNull();
          expect(text, where).toContain(words.currentMessage);
          for (const u of open?.incident_updates ?? []) expect(text, where).toContain(u.body);
          expect(text, where).toMatch(new RegExp(`${words.nextUpdate}\\s?: 21 (Nov|nov\\.) 2026, \\d\\d:\\d\\d`));
          // the October incident, resolved, and the zone named once
          expect(past?.resolved_at).not.toBeNull();
          expect(text, where).toContain(words.pastIncidents(90));
          expect(text, where).toContain(past?.name as string);
          expect(text, where).toContain('Europe/Paris, UTC+01:00');
          expect(text.match(/Europe\/Paris/g), where).toHaveLength(1);

          expect(requests, where).toEqual([url]);
          if (width === 360) expect(await page.evaluate(overflow), where).toEqual([]);
          expect(await page.evaluate(lowContrast), where).toEqual([]);
          backgrounds.set(colorScheme, await page.evaluate(() => getComputedStyle(document.documentElement).backgroundColor));

          await page.screenshot({ path: join(SHOTS, `${lang}-${width}-${colorScheme}.png`), fullPage: true });
        }
        await context.close();
      }
      // the dark scheme is a scheme of its own, not the light one again
      expect(backgrounds.get('dark')).not.toBe(backgrounds.get('light'));
    }, 120_000);
  }
});
