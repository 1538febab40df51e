/**
 * Values read from YAML files people write (answers files, config.yaml) as
 * the text they typed, not as what YAML's core schema would make of them.
 */
import { isAlias, isMap, isScalar, isSeq, type Document, type Node } from 'yaml';

/**
 * A scalar's text exactly as written: `0800123456`, `1.10`, `0x10`, `yes`,
 * `~` and `!!timestamp 2026-01-01` stay those characters (after YAML's own
 * quoting and folding), never a number, a boolean, null or a date. Values in
 * answers files and config.yaml are text; only the playbook says a step's
 * answer is a number or a date. An empty value is ''.
 */
export function scalarText(node: Node): string {
  if (!isScalar(node)) return '';
  if (typeof node.source === 'string') return node.source;
  return node.value === null || node.value === undefined ? '' : String(node.value);
}

/** True for a plain empty, `~` or `null` scalar: "no value" where a step's answer is read. */
function isPlainNull(node: Node): boolean {
  return isScalar(node) && node.value === null && node.tag === undefined;
}

/**
 * A node as plain data whose every scalar is its text as written (see
 * scalarText); aliases are followed (the parser already bounds their count).
 * A plain null stays null, so `posted: ~` still means "not posted".
 */
export function textData(doc: Document, node: Node | null | undefined): unknown {
  // aliases may not multiply a short file into a huge one (the "billion laughs")
  let budget = 100_000;
  const walk = (n: Node | null | undefined, depth: number): unknown => {
    if (n === null || n === undefined) return null;
    if (--budget < 0 || depth > 64) throw new Error('too many aliases or levels; write the values out');
    if (isAlias(n)) return walk(n.resolve(doc) as Node | undefined, depth + 1);
    if (isScalar(n)) return isPlainNull(n) ? null : scalarText(n);
    if (isSeq(n)) return n.items.map((item) => walk(item as Node | null, depth + 1));
    if (isMap(n)) {
      const out: Record<string, unknown> = {};
      for (const pair of n.items) {
        const key = pair.key as Node | null;
        const name = String(walk(key, depth + 1) ?? '');
        // a key such as __proto__ is an unknown key, never the object's prototype
        Object.defineProperty(out, name, { value: walk(pair.value as Node | null, depth + 1), enumerable: true, writable: true, configurable: true });
      }
      return out;
    }
    return null;
  };
  return walk(node, 0);
}
