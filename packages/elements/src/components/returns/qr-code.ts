import { html, svg, type TemplateResult } from 'lit';
import type { encode } from 'uqr';

type Encode = typeof encode;

let encoder: Encode | undefined;
let loading: Promise<Encode> | undefined;

/**
 * The QR encoder, once loaded. It is loaded on first need (an approved return with a label) and
 * not with the returns view: most shoppers never see a label, and it is a third of the view's size.
 */
export function qrEncoder(): Encode | undefined {
  return encoder;
}

export function loadQrEncoder(): Promise<Encode> {
  loading ??= import('uqr').then((module) => (encoder = module.encode));
  return loading;
}

/**
 * A QR code of `text` as an `<svg>` built from the module matrix with Lit templates (no markup
 * strings, so it passes Trusted Types): one path, one square per dark module.
 */
export function qrCode(encode: Encode, text: string, label: string): TemplateResult {
  const { size, data } = encode(text, { ecc: 'M', border: 2 });
  let path = '';
  data.forEach((row, y) =>
    row.forEach((dark, x) => {
      if (dark) path += `M${x} ${y}h1v1h-1z`;
    }),
  );
  return html`<svg
    class="qr"
    part="qr"
    role="img"
    aria-label=${label}
    viewBox="0 0 ${size} ${size}"
    shape-rendering="crispEdges"
  >
    ${svg`<rect width=${size} height=${size} fill="#fff"></rect><path d=${path} fill="#000"></path>`}
  </svg>`;
}
