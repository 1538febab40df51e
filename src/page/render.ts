/**
 * The status page's three files from the incidents: pure, so that the same
 * log always gives the same bytes (nothing here reads the clock).
 */
import { renderHtml } from '../report/render.js';
import { atomFeed, statusSummary } from './feeds.js';
import { pageView } from './html.js';
import { buildPageModel, type PageInput } from './model.js';

/** The files of the page folder, by name. */
export interface PageFiles {
  'index.html': string;
  'summary.json': string;
  'feed.atom': string;
}

/** The page folder's files, times in `timeZone`, the HTML from `template` (Handlebars, escaping on). Throws TemplateError. */
export function renderPageFiles(input: PageInput, timeZone: string, template: string): PageFiles {
  const model = buildPageModel(input);
  return {
    'index.html': renderHtml(template, pageView(model, timeZone)),
    'summary.json': `${JSON.stringify(statusSummary(model, timeZone), null, 2)}\n`,
    'feed.atom': atomFeed(model, timeZone),
  };
}
