/**
 * Known XSS vectors (OWASP's filter-evasion cheat sheet, PortSwigger's list, DOMPurify's mXSS
 * cases), each calling `__xss(id)` when it runs. Every template is used in five contexts (as is,
 * mixed case, inside a paragraph, after an attribute break-out, inside SVG), 45 × 5 = 225 vectors.
 */
const templates: readonly ((call: string) => string)[] = [
  (p) => `<script>${p}</script>`,
  (p) => `<img src=x onerror=${p}>`,
  (p) => `<img src="x" onerror="${p}">`,
  (p) => `<img/src/onerror=${p}>`,
  (p) => `<svg onload=${p}>`,
  (p) => `<svg><script>${p}</script></svg>`,
  (p) => `<body onload=${p}>`,
  (p) => `<iframe src="javascript:${p}"></iframe>`,
  (p) => `<iframe srcdoc="<script>parent.${p}</script>"></iframe>`,
  (p) => `<a href="javascript:${p}">link</a>`,
  (p) => `<a href="JaVaScRiPt:${p}">link</a>`,
  (p) => `<a href="java&#x09;script:${p}">link</a>`,
  (p) => `<a href="&#106;avascript:${p}">link</a>`,
  (p) => `<a href="  javascript:${p}">link</a>`,
  (p) => `<a href="javascript&colon;${p}">link</a>`,
  (p) => `<a href="javascript://%0a${p}">link</a>`,
  (p) => `<a href="data:text/html,<script>${p}</script>">link</a>`,
  (p) => `<a href="vbscript:${p}">link</a>`,
  (p) => `<form action="javascript:${p}"><button>go</button></form>`,
  (p) => `<button formaction="javascript:${p}">go</button>`,
  (p) => `<input autofocus onfocus=${p}>`,
  (p) => `<details open ontoggle=${p}>x</details>`,
  (p) => `<video><source onerror=${p}></video>`,
  (p) => `<audio src=x onerror=${p}>`,
  (p) => `<object data="javascript:${p}"></object>`,
  (p) => `<embed src="javascript:${p}">`,
  (p) => `<math><mtext><table><mglyph><style><img src=x onerror=${p}>`,
  (p) => `<noscript><p title="</noscript><img src=x onerror=${p}>">`,
  (p) => `<div style="background:url(javascript:${p})">x</div>`,
  (p) => `<marquee onstart=${p}>x</marquee>`,
  (p) => `<select autofocus onfocus=${p}></select>`,
  (p) => `<textarea autofocus onfocus=${p}></textarea>`,
  (p) => `<meta http-equiv="refresh" content="0;url=javascript:${p}">`,
  (p) => `<base href="javascript:${p}//">`,
  (p) => `<svg><a xlink:href="javascript:${p}"><text x=20 y=20>x</text></a></svg>`,
  (p) => `<svg><animate onbegin=${p} attributeName=x dur=1s>`,
  (p) => `<svg><set attributeName=onload to=${p} />`,
  (p) => `<img src=x onerror=&#x5f;&#x5f;xss&#x28;${p.slice(6, -1)}&#x29;>`,
  (p) => `<template><script>${p}</script></template>`,
  (p) => `<scr<script>ipt>${p}</script>`,
  (p) => `<<script>${p}//<</script>`,
  (p) => `<img src="data:image/svg+xml,<svg onload=${p}>">`,
  (p) => `<svg><foreignObject><iframe src="javascript:${p}"></iframe></foreignObject></svg>`,
  (p) => `<a href=" &#14; javascript:${p}">link</a>`,
  (p) => `<x onclick=${p} id=clickme>click</x><img src=x onerror="document.getElementById('clickme').click()">`,
];

const contexts: readonly ((vector: string) => string)[] = [
  (vector) => vector,
  (vector) => vector.replace(/<(\w)(\w*)/g, (_, first: string, rest: string) => `<${first.toUpperCase()}${rest}`),
  (vector) => `<p>Before ${vector} after</p>`,
  (vector) => `"><'>${vector}`,
  (vector) => `<svg><desc>${vector}</desc></svg>`,
];

export interface XssVector {
  readonly id: number;
  readonly html: string;
}

export const xssVectors: readonly XssVector[] = templates.flatMap((template, templateIndex) =>
  contexts.map((context, contextIndex) => {
    const id = templateIndex * contexts.length + contextIndex;
    return { id, html: context(template(`__xss(${id})`)) };
  }),
);
