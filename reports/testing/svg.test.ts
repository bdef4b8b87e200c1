// Goal: the test helpers catch what they claim to, so a chart test that passes means something.
// Method: feed each checker broken markup and check it names the fault.
import { describe, expect, it } from 'vitest'
import { badAttributes, chartProblems, isNoData, parseMarkup, xmlProblem } from './svg.ts'

const NS = 'xmlns="http://www.w3.org/2000/svg"'

describe('xmlProblem', () => {
  it('accepts well-formed markup with entities and self-closing tags', () => {
    expect(xmlProblem(`<svg ${NS}><g a="x &amp; y"><rect /></g><text>a &lt; b &#38; &#x26;</text></svg>`)).toBeUndefined()
  })

  it('finds unclosed, crossed and extra roots', () => {
    expect(xmlProblem('<svg><g></svg>')).toBe('</svg> closes <g> at 8')
    expect(xmlProblem('<svg><g>')).toBe('unclosed <g>')
    expect(xmlProblem('<a /><b />')).toBe('2 root elements')
  })

  it('finds raw < and stray & in text and attributes', () => {
    expect(xmlProblem('<svg>a < b</svg>')).toContain('stray <')
    expect(xmlProblem('<svg>a & b</svg>')).toContain('stray &')
    expect(xmlProblem('<svg a="x & y"></svg>')).toContain('stray & in attributes')
  })
})

describe('badAttributes and chartProblems', () => {
  it('reports NaN, undefined, Infinity, null and [object …] in attributes', () => {
    const svg = `<svg ${NS}><rect x="NaN" y="undefined" /><circle r="Infinity" data-a="null" data-b="[object Object]" /></svg>`
    expect(badAttributes(svg)).toEqual(['rect@x=NaN', 'rect@y=undefined', 'circle@r=Infinity', 'circle@data-a=null', 'circle@data-b=[object Object]'])
  })

  it('requires the explicit xmlns and reports malformed markup', () => {
    expect(chartProblems('<svg><rect /></svg>')).toEqual(['root is not an <svg> with an explicit xmlns'])
    expect(chartProblems(`<svg ${NS}><g></svg>`)[0]).toContain('not well-formed')
  })

  it('parseMarkup throws when the element is missing, isNoData needs both marker and note', () => {
    expect(() => parseMarkup('<p>x</p>')).toThrow('no svg in markup')
    expect(isNoData(`<svg ${NS} data-no-data="x"></svg>`)).toBe(false)
  })
})
