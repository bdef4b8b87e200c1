/**
 * Helpers for chart tests: parse rendered markup back into a DOM (linkedom, as an HTML page would
 * read it), check that it is well-formed XML (so a standalone .svg opens too), and find attribute
 * values that betray a bug (NaN, undefined, Infinity, [object Object]).
 */
import { parseHTML } from 'linkedom'

/** The first `<svg>` (or `selector`) of `markup` parsed as HTML; throws when absent. */
export function parseMarkup(markup: string, selector = 'svg'): any {
  const { document } = parseHTML(`<!doctype html><html><body>${markup}</body></html>`)
  const root = document.querySelector(selector)
  if (!root) throw new Error(`no ${selector} in markup`)
  return root
}

export function countMarks(markup: string, selector = '.mark'): number {
  return parseMarkup(markup).querySelectorAll(selector).length
}

/** Every attribute whose value contains a sign of a formatting bug, as "element@name=value". */
export function badAttributes(markup: string): string[] {
  const bad: string[] = []
  const pattern = /NaN|undefined|Infinity|\[object|null/
  const walk = (el: any): void => {
    for (const attr of Array.from(el.attributes ?? []) as { name: string; value: string }[]) {
      if (pattern.test(attr.value)) bad.push(`${el.nodeName.toLowerCase()}@${attr.name}=${attr.value}`)
    }
    for (const child of Array.from(el.children ?? [])) walk(child)
  }
  walk(parseMarkup(markup))
  return bad
}

const NAME = '[A-Za-z_][\\w.:-]*'
const tokenPattern = new RegExp(`<(/?)(${NAME})((?:\\s+${NAME}="[^"<]*")*)\\s*(/?)>|<|&(?!(?:amp|lt|gt|quot|apos|#\\d+|#x[0-9a-fA-F]+);)`, 'g')

/**
 * Checks XML well-formedness strictly enough for our output: every tag is complete with quoted
 * attributes, tags nest and close, no raw `<` or stray `&` in text or attributes, one root.
 * Returns the first problem, or undefined when the markup is well-formed.
 */
export function xmlProblem(markup: string): string | undefined {
  const stack: string[] = []
  let roots = 0
  for (const m of markup.matchAll(tokenPattern)) {
    const [token, closing, name, attrs, selfClosing] = m
    if (name === undefined) return `stray ${token} at ${m.index}`
    if (/&(?!(?:amp|lt|gt|quot|apos|#\d+|#x[0-9a-fA-F]+);)/.test(attrs ?? '')) return `stray & in attributes of <${name}> at ${m.index}`
    if (stack.length === 0 && !closing) roots++
    if (closing) {
      const open = stack.pop()
      if (open !== name) return `</${name}> closes <${open ?? 'nothing'}> at ${m.index}`
    } else if (!selfClosing) {
      stack.push(name)
    }
  }
  if (stack.length > 0) return `unclosed <${stack[stack.length - 1]}>`
  if (roots !== 1) return `${roots} root elements`
  return undefined
}

/**
 * Everything wrong with a rendered chart, for one assertion: not well-formed, no explicit xmlns,
 * bad attribute values. Empty when the chart is sound.
 */
export function chartProblems(markup: string): string[] {
  const problems: string[] = []
  const xml = xmlProblem(markup)
  if (xml) problems.push(`not well-formed: ${xml}`)
  if (!markup.startsWith('<svg xmlns="http://www.w3.org/2000/svg"')) problems.push('root is not an <svg> with an explicit xmlns')
  if (!xml) problems.push(...badAttributes(markup))
  return problems
}

/** Is this the "no data" rendering? */
export function isNoData(markup: string): boolean {
  const root = parseMarkup(markup)
  return root.hasAttribute('data-no-data') && root.querySelector('.no-data-note') !== null
}
