/**
 * The store's account page: the app's own lazy route (`React.lazy`), loaded only when the shopper
 * goes to it. Its being there is what puts Vite's module-preload helper into the app's own chunk.
 */
export default function Account() {
  return (
    <main>
      <h1>Your account</h1>
      <p>Orders, addresses and saved items.</p>
    </main>
  );
}
