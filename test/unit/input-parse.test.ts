/**
 * Numbers and web addresses as people type them, read in the playbook's
 * language: one parser for the prompt, the answers file and --var.
 */
import { describe, expect, it } from 'vitest';
import { normaliseUrl, normaliseValue, parseNumber, showNumber } from '../../src/playbook/formats.js';

describe('parseNumber', () => {
  it.each([
    ['1400', 'en', 1400],
    ['1 400', 'en', 1400],
    ['1\u00a0400', 'en', 1400],
    ['1\u202f400', 'fr', 1400],
    ['1 400', 'fr', 1400],
    ['1,200', 'en', 1200],
    ['1,234,567.25', 'en', 1234567.25],
    ['1.5', 'en', 1.5],
    ['1 200,5', 'fr', 1200.5],
    ['1,5', 'fr', 1.5],
    ['1.5', 'fr', 1.5],
    ['1 234 567', 'fr', 1234567],
    [' 12 ', 'fr', 12],
    ['-3', 'en', -3],
    ['0,25', 'fr', 0.25],
  ])('reads %j in %s as %d', (text, lang, value) => {
    expect(parseNumber(text, lang)).toBe(value);
  });

  it.each([
    ['1,5', 'en'], // one and a half, or fifteen hundred with a slip? refused, not guessed
    ['1.200', 'fr'], // a thousands dot or a decimal point
    ['1,200.5', 'fr'],
    ['14 00', 'en'],
    ['1,2,3', 'en'],
    ['1.2.3', 'en'],
    ['5.', 'en'],
    ['1e5', 'en'],
    ['0x10', 'en'],
    ['abc', 'fr'],
    ['', 'en'],
    ['12 abc', 'en'],
  ])('refuses %j in %s', (text, lang) => {
    expect(parseNumber(text, lang)).toBeUndefined();
  });

  it('shows the number back as the language writes it', () => {
    expect(showNumber(1400, 'en')).toBe('1,400');
    expect(showNumber(1200.5, 'fr')).toBe('1\u202f200,5');
  });
});

describe('normaliseUrl', () => {
  it('adds https:// to a bare host, keeps an http(s) address as typed', () => {
    expect(normaliseUrl('latelier-co.fr')).toBe('https://latelier-co.fr');
    expect(normaliseUrl(' www.x.fr/aide ')).toBe('https://www.x.fr/aide');
    expect(normaliseUrl('x.fr:8080/a')).toBe('https://x.fr:8080/a');
    expect(normaliseUrl('http://status.acme.example')).toBe('http://status.acme.example');
    expect(normaliseUrl('https://acme.example/aide?x=1')).toBe('https://acme.example/aide?x=1');
  });

  it.each(['foo', 'a b.fr', 'mailto:x@y.fr', 'ftp://a.example', '', 'latelier co.fr'])('refuses %j', (text) => {
    expect(normaliseUrl(text)).toBeUndefined();
  });

  it('normalises a variable by its format', () => {
    expect(normaliseValue('url', 'acme.example')).toBe('https://acme.example');
    expect(normaliseValue('email', ' a@b.example ')).toBe('a@b.example');
    expect(normaliseValue('email', 'nope')).toBeUndefined();
    expect(normaliseValue(undefined, ' free text ')).toBe('free text');
  });
});
