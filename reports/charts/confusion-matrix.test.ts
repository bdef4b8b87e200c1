// Goal: the confusion matrix draws n² cells with counts and row shares, shades by row share, and
// refuses malformed matrices with a visible reason.
// Method: render a 2×2 matrix with known shares and malformed variants.
import { describe, expect, it } from 'vitest'
import { chartProblems, isNoData, parseMarkup } from '../testing/svg.ts'
import { confusionMatrixProblem, renderConfusionMatrix } from './confusion-matrix.ts'

const data = { labels: ['honest', 'cheating'], counts: [[90, 10], [5, 15]] }
const options = { actualLabel: 'actual', predictedLabel: 'verdict' }

describe('renderConfusionMatrix', () => {
  const svg = renderConfusionMatrix(data, options)
  const root = parseMarkup(svg)

  it('is sound SVG and byte-stable', () => {
    expect(chartProblems(svg)).toEqual([])
    expect(renderConfusionMatrix(data, options)).toBe(svg)
  })

  it('draws n² cells with count and row share', () => {
    const cells = (Array.from(root.querySelectorAll('.mark.cell')) as any[]).map((c) => [c.getAttribute('data-actual'), c.getAttribute('data-predicted'), c.getAttribute('data-count'), c.getAttribute('data-row-share')])
    expect(cells).toEqual([
      ['honest', 'honest', '90', '0.9'],
      ['honest', 'cheating', '10', '0.1'],
      ['cheating', 'honest', '5', '0.25'],
      ['cheating', 'cheating', '15', '0.75'],
    ])
    const labels = (Array.from(root.querySelectorAll('.cell-label')) as any[]).map((t) => t.textContent)
    expect(labels).toEqual(['90 (90%)', '10 (10%)', '5 (25%)', '15 (75%)'])
  })

  it('shades a higher share darker', () => {
    const fill = (i: number): string => root.querySelectorAll('.cell')[i].getAttribute('fill')
    const lightness = (rgb: string): number => rgb.match(/\d+/g)!.map(Number).reduce((a, b) => a + b, 0)
    expect(lightness(fill(0))).toBeLessThan(lightness(fill(1)))
  })

  it('names the axes and the classes', () => {
    expect(root.querySelector('.axis-title-x').textContent).toBe('verdict')
    expect(root.querySelector('.axis-title-y').textContent).toBe('actual')
    expect((Array.from(root.querySelectorAll('.axis-y .tick text')) as any[]).map((t) => t.textContent)).toEqual(['honest', 'cheating'])
  })

  it('explains why a matrix cannot be drawn', () => {
    expect(confusionMatrixProblem({ labels: [], counts: [] })).toBe('no classes')
    expect(confusionMatrixProblem({ labels: ['a', 'b'], counts: [[1, 2]] })).toBe('counts are not 2×2')
    expect(confusionMatrixProblem({ labels: ['a'], counts: [[-1]] })).toBe('counts must be finite and non-negative')
    expect(confusionMatrixProblem({ labels: ['a'], counts: [[Number.NaN]] })).toBe('counts must be finite and non-negative')
    expect(confusionMatrixProblem({ labels: ['a'], counts: [[0]] })).toBe('all counts are zero')
    const bad = renderConfusionMatrix({ labels: ['a', 'b'], counts: [[1, 2]] })
    expect(isNoData(bad)).toBe(true)
    expect(parseMarkup(bad).getAttribute('data-no-data')).toBe('counts are not 2×2')
  })

  it('draws a row of zeros with zero shares', () => {
    const r = parseMarkup(renderConfusionMatrix({ labels: ['a', 'b'], counts: [[0, 0], [1, 1]] }))
    expect(r.querySelector('.cell').getAttribute('data-row-share')).toBe('0')
  })
})
