/**
 * The `page:` section of `config.yaml`: what the public status page lists.
 *
 *     page:
 *       name: Acme                      # default: the brand variable
 *       url: https://status.acme.example
 *       components:
 *         - { name: Messenger, affected: true }   # down while an incident is open
 *         - E-mail                                # working
 *         - { id: phone, name: Phone line }
 */
import { isMap, isScalar, isSeq, type Document, type Node } from 'yaml';
import type { Say } from '../notify/config.js';
import { scalarText } from '../yaml-text.js';

/** Reports a problem at its node, in words (and does not return). */
type Fail = (node: Node | null | undefined, say: Say) => never;

/** One line of the page's "how to reach us" list. */
export interface PageComponent {
  id: string;
  name: string;
  /** Down while an incident is open (the platform the playbook is about). */
  affected: boolean;
}

/** What `config.yaml` says about the page; every key optional. */
export interface PageConfig {
  name?: string;
  url?: string;
  components?: PageComponent[];
}

/** `Phone line` -> `phone-line`: an id for summary.json from a name. */
export function componentId(name: string): string {
  const id = name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
  return id === '' ? 'component' : id;
}

/**
 * Reads `page:` from a parsed config.yaml; `fail(node, message)` reports a
 * problem at its node (and does not return).
 */
export function parsePageConfig(doc: Document, fail: Fail): PageConfig | undefined {
  const page = doc.get('page', true) as Node | null | undefined;
  if (page === undefined || page === null || (isScalar(page) && page.value === null)) return undefined;
  if (!isMap(page)) return fail(page, (w) => w.pageMap);
  const config: PageConfig = {};
  for (const pair of page.items) {
    const keyNode = pair.key as Node | null;
    const key = isScalar(keyNode) ? scalarText(keyNode) : '';
    const value = pair.value as Node | null;
    if (key === 'name' || key === 'url') {
      // as written: a name such as 1.10 or 0800 stays those characters
      if (!isScalar(value) || value.value === null || scalarText(value).trim() === '') fail(value ?? keyNode, (w) => w.pageText(`page.${key}`));
      else config[key] = scalarText(value).trim();
    } else if (key === 'components') {
      config.components = parseComponents(value, fail);
    } else {
      fail(keyNode, (w) => w.pageUnknownKey(`page.${key}`));
    }
  }
  return config;
}

function parseComponents(node: Node | null, fail: Fail): PageComponent[] {
  if (!isSeq(node)) return fail(node, (w) => w.componentsList);
  const components: PageComponent[] = [];
  for (const item of node.items as Array<Node | null>) {
    if (isScalar(item) && item.value !== null && scalarText(item).trim() !== '') {
      const name = scalarText(item).trim();
      components.push({ id: componentId(name), name, affected: false });
      continue;
    }
    if (!isMap(item)) return fail(item, (w) => w.componentItem);
    const get = (key: string) => item.get(key, true) as Node | null | undefined;
    for (const pair of item.items) {
      const key = isScalar(pair.key) ? scalarText(pair.key) : '';
      if (!['name', 'id', 'affected'].includes(key)) fail(pair.key as Node, (w) => w.componentUnknownKey(key));
    }
    const name = get('name');
    if (!isScalar(name) || name.value === null || scalarText(name).trim() === '') return fail(item, (w) => w.componentNoName);
    const id = get('id');
    const affected = get('affected');
    if (affected !== undefined && !(isScalar(affected) && typeof affected.value === 'boolean')) fail(affected, (w) => w.affected);
    const idText = isScalar(id) && id.value !== null ? scalarText(id) : componentId(scalarText(name));
    components.push({ id: idText, name: scalarText(name).trim(), affected: isScalar(affected) && affected.value === true });
  }
  const seen = new Set<string>();
  for (const c of components) {
    if (seen.has(c.id)) return fail(node, (w) => w.componentIds(c.id));
    seen.add(c.id);
  }
  return components;
}
