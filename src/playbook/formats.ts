/**
 * The value formats a variable may declare (`format: email | url | phone`),
 * checked the same way wherever a value comes from: the prompt, an answers
 * file, config.yaml, a variable's example in `validate`.
 */

/** One address: something@domain.tld, no spaces. */
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
/** An e-mail address inside a longer text (message lint: does a post give a contact?). */
export const EMAIL_IN_TEXT = /[^\s@<>()]+@[^\s@<>()]+\.[a-z]{2,}/i;

/** True for one e-mail address. */
export function isEmail(text: string): boolean {
  return EMAIL.test(text);
}

/** True for an absolute http(s) address. */
export function isUrl(text: string): boolean {
  try {
    const url = new URL(text);
    return (url.protocol === 'http:' || url.protocol === 'https:') && !/\s/.test(text);
  } catch {
    return false;
  }
}

/** True for a phone number as people write them: digits, spaces, + ( ) . - and at least 6 digits. */
export function isPhone(text: string): boolean {
  return /^\+?[\d\s().-]+$/.test(text) && text.replace(/\D/g, '').length >= 6;
}

/** The check for each declared format (`text` has none). */
export const FORMAT_CHECKS: Readonly<Record<'email' | 'url' | 'phone', (text: string) => boolean>> = {
  email: isEmail,
  url: isUrl,
  phone: isPhone,
};
