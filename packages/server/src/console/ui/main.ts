// The agent console's entry point, bundled by esbuild when the server starts (../assets.ts).
import './console-app.js';
