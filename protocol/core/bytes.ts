/**
 * String limits measured as the contracts measure them: `bytes(s).length`, the UTF-8 length.
 * Counting UTF-16 code units instead would let a non-ASCII string pass here and fail on chain.
 */

/**
 * UTF-8 byte length of `text`, as `TextEncoder` would produce it (a lone surrogate becomes
 * U+FFFD, three bytes). Counting stops once `limit` is exceeded, and the result is then only
 * some number above `limit`: checking a huge string against a small bound costs O(limit).
 */
export function computeUtf8ByteLength(text: string, limit: number = Number.POSITIVE_INFINITY): number {
  // Every code unit takes at least one byte, so more units than the limit is over it already.
  if (text.length > limit) return text.length
  let bytes = 0
  for (let i = 0; i < text.length && bytes <= limit; i++) {
    const unit = text.charCodeAt(i)
    if (unit < 0x80) bytes += 1
    else if (unit < 0x800) bytes += 2
    else if (unit >= 0xd800 && unit <= 0xdbff && isLowSurrogate(text.charCodeAt(i + 1))) {
      bytes += 4
      i++
    } else bytes += 3
  }
  return bytes
}

function isLowSurrogate(unit: number): boolean {
  return unit >= 0xdc00 && unit <= 0xdfff
}

/** A problem description when `value` is not a string of at most `maxBytes` UTF-8 bytes (and at least `minBytes`). */
export function checkStringField(field: string, value: unknown, maxBytes: number, minBytes = 0): string | undefined {
  if (typeof value !== 'string') return `${field} must be a string, got ${typeof value}`
  const bytes = computeUtf8ByteLength(value, maxBytes)
  if (bytes > maxBytes) return `${field} is longer than ${maxBytes} bytes`
  if (bytes < minBytes) return `${field} must be at least ${minBytes} byte${minBytes === 1 ? '' : 's'} long`
  return undefined
}
