/**
 * Markup: a string of HTML or SVG that one of our renderers built, with every piece of user text
 * already escaped. The brand keeps a raw name from a user's file from being pasted into a page
 * where markup is expected; only the renderers in this folder create `Markup`.
 */

export type Markup = string & { readonly __markup: unique symbol }

/** Marks a string the caller has built from escaped parts as markup. */
export function asMarkup(html: string): Markup {
  return html as Markup
}

// Characters XML 1.0 forbids anywhere (C0 controls other than tab, LF, CR; lone surrogates;
// U+FFFE/U+FFFF). Names come from user files, so they are replaced instead of breaking the SVG.
const forbiddenChars = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g

function scrub(text: string): string {
  return text.replace(forbiddenChars, '\ufffd')
}

/** Escapes text content for HTML and XML alike. */
export function escapeText(text: string): string {
  return scrub(text).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;')
}

/** Escapes a double-quoted attribute value for HTML and XML alike. */
export function escapeAttr(value: string): string {
  return escapeText(value).replace(/"/g, '&quot;')
}
