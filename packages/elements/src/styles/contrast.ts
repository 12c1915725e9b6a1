/**
 * The text colour that reads best on a brand colour: white or near-black, whichever has the
 * higher WCAG contrast ratio. Brand colours come from the store's config, so this runs at runtime.
 */
export function readableTextOn(background: string): '#ffffff' | '#111418' {
  const rgb = parseColor(background);
  if (!rgb) return '#ffffff';
  const luminance = relativeLuminance(rgb);
  const withWhite = 1.05 / (luminance + 0.05);
  const withBlack = (luminance + 0.05) / (relativeLuminance([17, 20, 24]) + 0.05);
  return withWhite >= withBlack ? '#ffffff' : '#111418';
}

/** WCAG 2.2 relative luminance of an sRGB colour. */
export function relativeLuminance([r, g, b]: readonly [number, number, number]): number {
  const channel = (value: number) => {
    const s = value / 255;
    return s <= 0.04045 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b);
}

/** #rgb, #rrggbb or rgb(r, g, b); other syntaxes fall back to white text. */
export function parseColor(color: string): [number, number, number] | undefined {
  const hex = color.trim().match(/^#([0-9a-f]{3}|[0-9a-f]{6})$/i)?.[1];
  if (hex) {
    const full = hex.length === 3 ? [...hex].map((digit) => digit + digit).join('') : hex;
    return [0, 2, 4].map((index) => parseInt(full.slice(index, index + 2), 16)) as [number, number, number];
  }
  const rgb = color.match(/^rgba?\(\s*(\d+)[\s,]+(\d+)[\s,]+(\d+)/i);
  return rgb ? [Number(rgb[1]), Number(rgb[2]), Number(rgb[3])] : undefined;
}
