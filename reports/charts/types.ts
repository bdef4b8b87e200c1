/** Options every chart accepts; each chart adds its own. Sizes are CSS pixels. */
export interface ChartOptions {
  /** Shown above the plot and as the SVG's accessible name. */
  readonly title?: string
  readonly widthPx?: number
  readonly heightPx?: number
  readonly xLabel?: string
  readonly xUnit?: string
  readonly yLabel?: string
  readonly yUnit?: string
  /** Decimals of the values written into `data-*` attributes and value labels (default 3). */
  readonly digits?: number
}

export const DEFAULT_WIDTH_PX = 640
export const DEFAULT_HEIGHT_PX = 320
export const DEFAULT_DIGITS = 3
