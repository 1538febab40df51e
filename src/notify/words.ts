/**
 * What team notifications say: the catalogue's `notify` words in the
 * incident's language (English when the language has none).
 */
import { catalogueFor, type Catalogue } from '../i18n/index.js';

/** The words of team notifications in one language. */
export type NotifyWords = Catalogue['notify'];

/** The words for a language tag. */
export function notifyWords(lang: string): NotifyWords {
  return catalogueFor(lang).notify;
}
