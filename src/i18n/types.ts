import type { en } from './en.js';

/** Every word the program says in one language: the English catalogue's shape, which every language repeats. */
export type Catalogue = typeof en;

/** The terminal's words. */
export type Words = Catalogue['ui'];

/** The words a report uses inside values. */
export type ReportWords = Catalogue['report'];
