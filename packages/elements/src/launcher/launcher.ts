/**
 * The light launcher: the help button a page shows before the widget's code is there. The script
 * tag's loader (dist/kefu.js) and the React and Vue wrappers draw it with this one module, so it
 * looks, speaks and sits the same everywhere. It imports nothing (no Lit, no core): its bytes are
 * what a page pays for Kefu before the shopper shows intent. The widget later takes its place with
 * its own launcher, of the same look and spot (docs/decisions/0014-light-launcher-in-frameworks.md).
 */

export interface LightLauncherOptions {
  /** The launcher's language (BCP 47); else the page's, else the browser's. */
  readonly locale?: string | null | undefined;
  /** The store's own text for it ("Need help?"); else "Help" in the launcher's language. */
  readonly label?: string | null | undefined;
  /** Which bottom corner it sits in, as the widget's `position`. */
  readonly position?: 'start' | 'end' | null | undefined;
}

/**
 * The launcher's words in every language the widget ships, so its first paint already speaks the
 * shopper's language and sits on their side: the widget takes over the same button later, and
 * must not change it under the shopper's thumb. An e2e test holds these to the widget's catalogues.
 */
const englishWords = ['Help', 'Open help', 'Help is unavailable right now'] as const;
const launcherWords: Record<string, readonly [label: string, openLabel: string, unavailable: string]> = {
  en: englishWords,
  zh: ['帮助', '打开帮助', '帮助暂时无法使用'],
  ar: ['المساعدة', 'فتح المساعدة', 'المساعدة غير متاحة حاليًا'],
};
const rightToLeft = ['ar', 'he', 'fa', 'ur', 'ps', 'yi'];

/** The launcher's words: the option's language, else the page's, else the browser's. */
function wordsFor(options: LightLauncherOptions) {
  const [language = 'en'] = (options.locale || document.documentElement.lang || navigator.language || 'en')
    .toLowerCase()
    .split('-');
  return [launcherWords[language] ?? englishWords, rightToLeft.includes(language)] as const;
}

const launcherCss = `button{position:fixed;inset-block-end:20px;inset-inline-end:20px;z-index:2147483000;min-block-size:48px;min-inline-size:48px;padding:0 20px;border:0;border-radius:999px;background:var(--kefu-brand-color,#1f6f5c);color:var(--kefu-on-brand-color,#fff);font:600 16px/1 system-ui,sans-serif;box-shadow:0 6px 20px rgb(0 0 0/.2);cursor:pointer}:host([position=start]) button{inset-inline-end:auto;inset-inline-start:20px}button:focus-visible{outline:3px solid #1a56db;outline-offset:2px}button[aria-disabled=true]{opacity:.6;cursor:not-allowed}`;

// Always there: drawLauncher puts it in.
const buttonOf = (launcher: HTMLElement) => launcher.shadowRoot?.querySelector('button') as HTMLButtonElement;

/**
 * Draws the launcher (a `<kefu-launcher>` whose shadow root holds the button) at the end of
 * `parent`. Its styles go through a constructed stylesheet (allowed under `style-src 'self'`)
 * inside the shadow root (nothing leaks either way). `onIntent(false)` when the shopper points at
 * or focuses it (time to fetch the widget's code), `onIntent(true)` when they press it (open).
 */
export function drawLauncher(
  parent: Node,
  options: LightLauncherOptions,
  onIntent: (open: boolean) => void,
): HTMLElement {
  const launcher = document.createElement('kefu-launcher');
  if (options.position) launcher.setAttribute('position', options.position);
  const root = launcher.attachShadow({ mode: 'open' });
  const sheet = new CSSStyleSheet();
  sheet.replaceSync(launcherCss);
  root.adoptedStyleSheets = [sheet];
  const button = document.createElement('button');
  button.type = 'button';
  button.part.add('launcher');
  button.setAttribute('aria-expanded', 'false');
  // Pointer over or focus on the launcher is intent: fetch the code before the click lands. The
  // launcher stays in place until the click, so it never moves under the shopper's pointer.
  button.addEventListener('pointerenter', () => onIntent(false), { once: true });
  button.addEventListener('focus', () => onIntent(false), { once: true });
  button.addEventListener('click', () => onIntent(true));
  root.append(button);
  labelLauncher(launcher, options);
  parent.appendChild(launcher);
  if (!clearingFields) {
    clearingFields = true;
    document.addEventListener('focusin', clearFocusedField);
    document.addEventListener('focusout', clearFocusedField);
  }
  return launcher;
}

/** Labels the launcher as the widget will (again, when the language or the label changed). */
export function labelLauncher(launcher: HTMLElement, options: LightLauncherOptions): void {
  const [[label, openLabel], rtl] = wordsFor(options);
  const button = buttonOf(launcher);
  button.textContent = options.label ?? label;
  button.setAttribute('aria-label', openLabel);
  launcher.dir = rtl ? 'rtl' : 'ltr';
}

/**
 * The widget's code could not load: the launcher stops pretending it can open (disabled, its name
 * saying so), rather than doing nothing when pressed.
 */
export function launcherUnavailable(launcher: HTMLElement, options: LightLauncherOptions): void {
  const button = buttonOf(launcher);
  button.setAttribute('aria-disabled', 'true');
  button.setAttribute('aria-label', wordsFor(options)[0][2]);
}

let clearingFields = false;

/**
 * A field the shopper types in is never hidden under a launcher (WCAG 2.4.11): while one that it
 * covers has focus, the launcher is neither drawn nor hit. The widget, once there, does the same
 * with its FieldClearanceController; this is the light launcher's few bytes of it.
 */
function clearFocusedField(event: Event): void {
  const field = event.type === 'focusin' ? event.composedPath()[0] : undefined;
  for (const launcher of document.querySelectorAll<HTMLElement>('kefu-launcher')) {
    const covered =
      field instanceof Element &&
      field.matches('input:not([type=button],[type=submit],[type=checkbox],[type=radio]),textarea,select') &&
      overlap(field.getBoundingClientRect(), buttonOf(launcher).getBoundingClientRect());
    launcher.style.opacity = covered ? '0' : '';
    launcher.style.pointerEvents = covered ? 'none' : '';
  }
}
const overlap = (a: DOMRect, b: DOMRect) =>
  a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom;
