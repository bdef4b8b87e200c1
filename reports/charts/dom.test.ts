// Goal: our serializer writes escaped, ordered, precision-fixed markup from the linkedom DOM.
// Method: build small trees by hand and compare the exact strings.
import { describe, expect, it } from 'vitest'
import { createDocument, roundGeometry, serializeNode } from './dom.ts'
import { SVG_NS } from './frame.ts'

describe('roundGeometry', () => {
  it('rounds every number to two decimals and keeps the separators', () => {
    expect(roundGeometry('M0.333333,1.005L-2.499999,3e-7Z')).toBe('M0.33,1L-2.5,0Z')
    expect(roundGeometry('translate(33.333333333333336,0) rotate(-90)')).toBe('translate(33.33,0) rotate(-90)')
  })

  it('writes negative zero as 0', () => {
    expect(roundGeometry('-0.001')).toBe('0')
  })
})

describe('serializeNode', () => {
  it('writes attributes in the order they were set, escaped', () => {
    const { document } = createDocument()
    const svg = document.createElementNS(SVG_NS, 'svg')
    svg.setAttribute('b', '1')
    svg.setAttribute('a', '2')
    svg.setAttribute('data-name', `x"<&>y`)
    expect(serializeNode(svg, 'svg')).toBe('<svg b="1" a="2" data-name="x&quot;&lt;&amp;&gt;y" />')
  })

  it('rounds geometry attributes but not data attributes', () => {
    const { document } = createDocument()
    const rect = document.createElementNS(SVG_NS, 'rect')
    rect.setAttribute('x', String(1 / 3))
    rect.setAttribute('data-x', String(1 / 3))
    expect(serializeNode(rect, 'svg')).toBe(`<rect x="0.33" data-x="${1 / 3}" />`)
  })

  it('escapes text and skips comments', () => {
    const { document } = createDocument()
    const g = document.createElementNS(SVG_NS, 'text')
    g.appendChild(document.createTextNode('a < b & c'))
    g.appendChild(document.createComment('hidden'))
    expect(serializeNode(g, 'svg')).toBe('<text>a &lt; b &amp; c</text>')
  })

  it('in HTML mode closes empty elements with an end tag and void ones with none', () => {
    const { document } = createDocument()
    const div = document.createElement('div')
    div.appendChild(document.createElement('td'))
    div.appendChild(document.createElement('input'))
    expect(serializeNode(div, 'html')).toBe('<div><td></td><input /></div>')
  })
})
