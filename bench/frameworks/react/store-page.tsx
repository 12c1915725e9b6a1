import { products, storeName } from '../store.js';

/** The store's own content (bench/frameworks/store.ts), as a React app renders it. */
export function StorePage() {
  return (
    <>
      <header>
        <h1>{storeName}</h1>
        <nav>
          <a href="#">Kitchen</a> <a href="#">Table</a> <a href="#">Home</a>
        </nav>
      </header>
      <main>
        <ul>
          {products.map((product) => (
            <li key={product.name}>
              <h2>{product.name}</h2>
              <p>{product.blurb}</p>
              <p>
                <strong>{product.price}</strong> <button type="button">Add to cart</button>
              </p>
            </li>
          ))}
        </ul>
      </main>
      <footer>
        <p>Free returns within 30 days.</p>
      </footer>
    </>
  );
}
