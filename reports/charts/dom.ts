/**
 * The one server-side DOM the charts draw into (linkedom), and our own serializer.
 *
 * linkedom leaves `&` and `<` unescaped in attribute values, which breaks standalone SVG (XML)
 * and lets a name like `a&lt;b` change meaning in HTML. So markup is written by `serializeNode`,
 * which escapes every attribute and text node and rounds geometry to a fixed precision: d3 emits
 * coordinates like 33.333333333333336, and two decimals are plenty for pixels and keep the
 * output short and byte-stable.
 */
import { parseHTML } from 'linkedom'
import { escapeAttr, escapeText } from '../markup.ts'

/** The slice of a DOM node the serializer reads (linkedom's types are loose). */
export interface DomNode {
  readonly nodeType: number
  readonly nodeName: string
  readonly childNodes: ArrayLike<DomNode>
  readonly attributes?: ArrayLike<{ readonly name: string; readonly value: string }>
  readonly textContent: string | null
}

const ELEMENT_NODE = 1
const TEXT_NODE = 3

/** Attributes holding pixel geometry, whose numbers are rounded to two decimals. */
const GEOMETRY_ATTRS = new Set([
  'x', 'y', 'x1', 'x2', 'y1', 'y2', 'cx', 'cy', 'r', 'rx', 'ry', 'width', 'height',
  'd', 'points', 'transform', 'viewBox', 'dx', 'dy',
])

/** HTML elements that never have an end tag. */
const HTML_VOID = new Set(['input', 'br', 'hr', 'img', 'meta', 'wbr'])

const numberPattern = /-?(?:\d+\.?\d*|\.\d+)(?:e[-+]?\d+)?/gi

/** Rounds every number inside a geometry attribute value to two decimals (−0 becomes 0). */
export function roundGeometry(value: string): string {
  return value.replace(numberPattern, (m) => {
    const rounded = Math.round(Number(m) * 100) / 100
    return String(rounded === 0 ? 0 : rounded)
  })
}

/** A fresh, empty document; each render gets its own so renders cannot leak into each other. */
export function createDocument(): { readonly document: any } {
  const { document } = parseHTML('<!doctype html><html><head></head><body></body></html>')
  return { document }
}

/**
 * Writes `node` as markup. In SVG mode an element without children closes itself (`<rect />`),
 * which both HTML and XML parsers accept; in HTML mode every element gets an end tag, as tables
 * need, except void elements (`<input />`).
 */
export function serializeNode(node: DomNode, mode: 'svg' | 'html'): string {
  const parts: string[] = []
  write(node, mode, parts)
  return parts.join('')
}

function write(node: DomNode, mode: 'svg' | 'html', out: string[]): void {
  if (node.nodeType === TEXT_NODE) {
    out.push(escapeText(node.textContent ?? ''))
    return
  }
  if (node.nodeType !== ELEMENT_NODE) return // comments and the like carry nothing we render
  // HTML documents report upper-case names for HTML elements; parsers read them either way, and
  // no element we draw has a camel-cased SVG name, so lower case is exact.
  const tag = node.nodeName.toLowerCase()
  out.push('<', tag)
  // linkedom keeps attributes newest first; walking backwards writes them in the order the code
  // set them, so markup reads like the code that drew it (a test pins this).
  const attrs = node.attributes ?? []
  for (let i = attrs.length - 1; i >= 0; i--) {
    const { name, value } = attrs[i]!
    const text = GEOMETRY_ATTRS.has(name) ? roundGeometry(value) : value
    out.push(' ', name, '="', escapeAttr(text), '"')
  }
  const children = node.childNodes
  if (children.length === 0 && mode === 'svg') {
    out.push(' />')
    return
  }
  if (mode === 'html' && HTML_VOID.has(tag)) {
    // `<input />` is valid HTML and well-formed XML alike.
    out.push(' />')
    return
  }
  out.push('>')
  for (let i = 0; i < children.length; i++) write(children[i]!, mode, out)
  out.push('</', tag, '>')
}
