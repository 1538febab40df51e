/**
 * Measuring a rendered text the way each channel counts it: X's weighted
 * length (twitter-text, X's own library), SMS segments (Twilio's segment
 * calculator) and, elsewhere, characters as a person sees them (graphemes).
 */
import twitter from 'twitter-text';
import { SegmentedMessage } from 'sms-segments-calculator';
import type { ChannelSpec, LengthUnit } from './channels.js';
import { showNumber } from '../playbook/formats.js';

/** SMS encodings: GSM-7 (160 / 153 per part) or UCS-2 (70 / 67 per part). */
export type SmsEncoding = 'GSM-7' | 'UCS-2';

/** A text's length against its channel's limit. */
export interface Measure {
  /** Characters, X weighted characters, or SMS segments (see `unit`). */
  length: number;
  limit: number;
  unit: LengthUnit;
  /** False when the text, or the subject, is over its limit. */
  within_limit: boolean;
  /** SMS only. */
  encoding?: SmsEncoding;
  /** SMS only: the characters that force UCS-2, once each, in order of appearance. */
  ucs2_characters?: string[];
  /** SMS only: characters as the network counts them (GSM extension characters count 2). */
  sms_characters?: number;
  subject_length?: number;
  subject_limit?: number;
}

const graphemes = new Intl.Segmenter(undefined, { granularity: 'grapheme' });
/**
 * Characters that are a grapheme each whatever their neighbours: printable
 * ASCII, tab, line feed (not CR, which joins a following LF), Latin-1, most
 * general punctuation (the narrow no-break space of French typography
 * included) and the euro sign (none is Extend, ZWJ, SpacingMark,
 * Prepend, a regional indicator, a Hangul jamo or a surrogate).
 */
const SINGLE_CHARACTER_GRAPHEMES = /^[\x20-\x7e\t\n\u00a0-\u00ff\u2010-\u2027\u202f-\u205e\u20ac]*$/;

/** Characters as a person counts them: one per grapheme, so "é" or a flag emoji is 1. */
export function countGraphemes(text: string): number {
  // One grapheme per character (segmenting is slow, and slower still the first time).
  if (SINGLE_CHARACTER_GRAPHEMES.test(text)) return text.length;
  let n = 0;
  for (const _ of graphemes.segment(text)) n++;
  return n;
}

/** X's weighted length: URLs 23, emoji 2, CJK 2, most other characters 1. */
export function weightedLength(text: string): number {
  return twitter.parseTweet(text).weightedLength;
}

/** An SMS's segments, encoding and the characters that are not in GSM-7. */
export function measureSms(text: string): {
  segments: number;
  encoding: SmsEncoding;
  ucs2Characters: string[];
  characters: number;
} {
  const sms = new SegmentedMessage(text);
  const encoding: SmsEncoding = sms.encodingName === 'UCS-2' ? 'UCS-2' : 'GSM-7';
  const ucs2Characters = [...new Set(sms.getNonGsmCharacters())];
  return { segments: text === '' ? 0 : sms.segmentsCount, encoding, ucs2Characters, characters: sms.numberOfCharacters };
}

/** Measures `text` (and an e-mail `subject`) against the channel's limits. */
export function measureText(spec: ChannelSpec, text: string, subject?: string): Measure {
  let measure: Measure;
  if (spec.unit === 'segments') {
    const sms = measureSms(text);
    measure = {
      length: sms.segments,
      limit: spec.limit,
      unit: spec.unit,
      within_limit: sms.segments <= spec.limit,
      encoding: sms.encoding,
      ucs2_characters: sms.ucs2Characters,
      sms_characters: sms.characters,
    };
  } else {
    const length = spec.unit === 'weighted' ? weightedLength(text) : countGraphemes(text);
    measure = { length, limit: spec.limit, unit: spec.unit, within_limit: length <= spec.limit };
  }
  if (subject !== undefined && spec.subjectLimit !== undefined) {
    const subjectLength = countGraphemes(subject);
    measure.subject_length = subjectLength;
    measure.subject_limit = spec.subjectLimit;
    if (subjectLength > spec.subjectLimit) measure.within_limit = false;
  }
  return measure;
}

/** The words `describeLength` puts around the numbers, so the terminal can speak the playbook's language. */
export interface LengthWords {
  /** The language the numbers are written in (63 206 in French); English without it. */
  lang?: string;
  of: string;
  over: string;
  characters: string;
  weightedCharacters: string;
  segments: string;
}

/** English, the language of diagnostics (validate, lint). */
export const ENGLISH_LENGTH_WORDS: LengthWords = {
  of: 'of',
  over: 'over',
  characters: 'characters',
  weightedCharacters: 'weighted characters',
  segments: 'segments',
};

const UNIT_WORD: Record<LengthUnit, keyof LengthWords> = {
  characters: 'characters',
  weighted: 'weightedCharacters',
  segments: 'segments',
};

/** "301 of 280 weighted characters (21 over)": a measure in words, English unless `words` are given. */
export function describeLength(length: number, limit: number, unit: LengthUnit, words: LengthWords = ENGLISH_LENGTH_WORDS): string {
  const over = length - limit;
  const n = (value: number) => showNumber(value, words.lang);
  return `${n(length)} ${words.of} ${n(limit)} ${words[UNIT_WORD[unit]]}${over > 0 ? ` (${n(over)} ${words.over})` : ''}`;
}
