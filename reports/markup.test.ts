// Goal: text from user files is escaped for HTML and XML alike and cannot break out of its place.
// Method: escape hostile strings, then check the exact output and that no raw markup survives.
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { asMarkup, escapeAttr, escapeText } from './markup.ts'

describe('escapeText and escapeAttr', () => {
  it('escapeText replaces &, < and > and leaves quotes alone', () => {
    expect(escapeText(`a & b <script> "q" 'x'`)).toBe(`a &amp; b &lt;script&gt; "q" 'x'`)
  })

  it('escapeAttr also replaces double quotes', () => {
    expect(escapeAttr(`say "hi" & <go>`)).toBe('say &quot;hi&quot; &amp; &lt;go&gt;')
  })

  it('an already escaped entity is escaped again, so it shows literally', () => {
    expect(escapeText('a&lt;b')).toBe('a&amp;lt;b')
  })

  it('characters XML forbids become U+FFFD, valid astral characters stay', () => {
    expect(escapeText('a\u0000b\u001fc\ud800d')).toBe('a\ufffdb\ufffdc\ufffdd')
    expect(escapeText('tab\tnl\n😀')).toBe('tab\tnl\n😀')
  })

  it('no escaped string contains a raw <, > or " (property)', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), (s) => {
        const out = escapeAttr(s)
        expect(out).not.toMatch(/[<>"]/)
        expect(out.replace(/&(amp|lt|gt|quot);/g, '')).not.toContain('&')
      }),
      { seed: 4101, numRuns: 300 },
    )
  })

  it('asMarkup returns the same string', () => {
    expect(asMarkup('<b>x</b>')).toBe('<b>x</b>')
  })
})
