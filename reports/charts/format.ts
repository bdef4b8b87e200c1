/**
 * Number and label formatting with fixed precision, so the same data always gives the same bytes
 * and tooltips never show 0.30000000000000004.
 */
import { DEFAULT_DIGITS } from './types.ts'

/**
 * `value` with at most `digits` decimals, trailing zeros dropped; magnitudes too small to show in
 * `digits` decimals use exponent notation so they do not collapse to 0.
 */
export function formatValue(value: number, digits: number = DEFAULT_DIGITS): string {
  if (!Number.isFinite(value)) return String(value) // callers filter first; this keeps it visible
  if (value === 0) return '0'
  if (Math.abs(value) < 10 ** -digits) return value.toExponential(Math.max(0, digits - 1))
  const fixed = value.toFixed(digits)
  const trimmed = fixed.includes('.') ? fixed.replace(/\.?0+$/, '') : fixed
  return trimmed === '-0' ? '0' : trimmed
}

/** Axis title: "label (unit)", just the label, just the unit, or empty. */
export function axisTitle(label: string | undefined, unit: string | undefined): string {
  if (label && unit) return `${label} (${unit})`
  return label || (unit ? `(${unit})` : '')
}

/** Shortens a name to `maxChars` characters with an ellipsis; the full name goes into data-*. */
export function truncateLabel(name: string, maxChars: number): string {
  const chars = Array.from(name)
  return chars.length <= maxChars ? name : `${chars.slice(0, Math.max(1, maxChars - 1)).join('')}…`
}
