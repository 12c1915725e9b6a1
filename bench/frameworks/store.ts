/**
 * The store's own page in the framework benchmark (bench/frameworks.ts): the same content in every
 * app — a header, six products, a footer — so that the page alone costs about the same everywhere
 * and Kefu's bytes are the difference between a build with Kefu and one without.
 */
export interface Product {
  readonly name: string;
  readonly price: string;
  readonly blurb: string;
}

export const storeName = 'Linen & Clay';

export const products: readonly Product[] = [
  { name: 'Linen napkins, set of four', price: '€24', blurb: 'Stonewashed European flax, softer with every wash.' },
  { name: 'Stoneware mug', price: '€18', blurb: 'Thrown by hand in Porto; dishwasher safe.' },
  { name: 'Serving bowl', price: '€42', blurb: 'A wide, shallow bowl for salads and pasta.' },
  { name: 'Linen tablecloth', price: '€69', blurb: 'Cut to order in three lengths, hemmed by hand.' },
  { name: 'Ceramic vase', price: '€35', blurb: 'A matte glaze in sand, moss or slate.' },
  { name: 'Tea towels, set of two', price: '€16', blurb: 'Absorbent half-linen in a herringbone weave.' },
];

/** The page as plain HTML: the script-tag pages are this, with or without the tag. */
export function storeHtml(): string {
  const cards = products
    .map(
      (product) =>
        `<li><h2>${product.name}</h2><p>${product.blurb}</p><p><strong>${product.price}</strong> <button type="button">Add to cart</button></p></li>`,
    )
    .join('');
  return `<header><h1>${storeName}</h1><nav><a href="#">Kitchen</a> <a href="#">Table</a> <a href="#">Home</a></nav></header><main><ul>${cards}</ul></main><footer><p>Free returns within 30 days.</p></footer>`;
}
