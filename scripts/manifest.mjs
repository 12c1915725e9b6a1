// Reading custom-elements.json, shared by the React and Vue generators and the docs pages: which
// elements there are, and each one's public API, including what every element inherits from
// KefuElement (the analyzer reads only src/components, so the base class's members are added here).
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';

const root = resolve(import.meta.dirname, '..');

/** Every Kefu element has these, from KefuElement. */
export const baseMembers = [
  {
    kind: 'field',
    name: 'client',
    type: { text: 'KefuClient | undefined' },
    description:
      "The Kefu client this element shows. Leave it unset to use the page's shared client (the one the script tag or `setSharedClient` made).",
    inheritedFrom: { name: 'KefuElement' },
  },
  {
    kind: 'field',
    name: 'locale',
    attribute: 'locale',
    type: { text: 'string | undefined' },
    description:
      "The shopper's language (BCP 47); defaults to the client's, then the page's `lang`, then the browser's.",
    inheritedFrom: { name: 'KefuElement' },
  },
];

/** Every Kefu element may send it (KefuElement's `navigate()`), so it is part of every element's API. */
export const navigateEvent = {
  name: 'kefu-navigate',
  type: { text: 'CustomEvent<KefuNavigateDetail>' },
  description:
    'The shopper moves on to another view (a return from an order, a chat from an article). Cancelable: call `preventDefault()` to say you handled it; the widget or the script tag handles it otherwise.',
  inheritedFrom: { name: 'KefuElement' },
};

/** The elements (classes with a tag), sorted by tag, with the inherited API filled in. */
export function customElements(manifest) {
  const elements = manifest.modules.flatMap((module) =>
    (module.declarations ?? [])
      .filter((declaration) => declaration.customElement && declaration.tagName)
      .map((declaration) => ({ ...declaration, modulePath: module.path })),
  );
  elements.sort((a, b) => a.tagName.localeCompare(b.tagName));
  return elements;
}

/** Public properties (fields that are not private, protected, static or `#`), the inherited ones too. */
export function propertiesOf(element) {
  const own = (element.members ?? []).filter(
    (member) =>
      member.kind === 'field' &&
      !member.static &&
      !member.name.startsWith('#') &&
      member.privacy !== 'private' &&
      member.privacy !== 'protected',
  );
  const names = new Set(own.map((member) => member.name));
  return [...own, ...baseMembers.filter((member) => !names.has(member.name))];
}

/** Attributes, `locale` included. */
export function attributesOf(element) {
  const own = element.attributes ?? [];
  const names = new Set(own.map((attribute) => attribute.name));
  const inherited = baseMembers
    .filter((member) => member.attribute && !names.has(member.attribute))
    .map((member) => ({ ...member, name: member.attribute, fieldName: member.name }));
  return [...own, ...inherited];
}

/**
 * Kefu's events are `kefu-…`, kebab-case. Anything else in the manifest is the analyzer guessing
 * from code (`new CustomEvent(name)` reads as an event called "name"), not API.
 */
export const isKefuEventName = (name) => typeof name === 'string' && /^kefu(-[a-z0-9]+)+$/.test(name);

/** Documented events, plus kefu-navigate (every element can send it) unless documented already. */
export function eventsOf(element) {
  // kefu-navigate always carries a KefuNavigateDetail (KefuElement sends it), typed or not in the JSDoc.
  const own = (element.events ?? [])
    .filter((event) => isKefuEventName(event.name))
    .map((event) =>
      event.name === navigateEvent.name && !event.type ? { ...event, type: navigateEvent.type } : event,
    );
  return own.some((event) => event.name === navigateEvent.name) ? own : [...own, navigateEvent];
}

/** The event's TypeScript type as documented (`@event {CustomEvent<X>} name`), else Event. */
export function eventType(event) {
  const text = event.type?.text?.trim();
  // Untyped in the JSDoc: a CustomEvent if its description speaks of a `detail`.
  if (!text) return /\bdetail\b/.test(event.description ?? '') ? 'CustomEvent<unknown>' : 'Event';
  if (text === 'Event') return 'Event';
  if (text === 'CustomEvent') return 'CustomEvent<unknown>';
  // A type the generated code could not import would not compile: its detail becomes unknown.
  if (isKnownType(text)) return text;
  return text.startsWith('CustomEvent<') ? 'CustomEvent<unknown>' : 'Event';
}

const builtin = new Set(['string', 'number', 'boolean', 'unknown', 'undefined', 'null', 'Event', 'CustomEvent']);
const isKnownType = (text) =>
  [...text.matchAll(/[A-Za-z_$][\w$]*/g)].every(([name]) => builtin.has(name) || exportedTypes().has(name));

let exported;
/** Type names @kefu/elements and @kefu/core export, and which package each comes from. */
export function exportedTypes() {
  if (exported) return exported;
  exported = new Map();
  const read = (path) => readFileSync(resolve(root, path), 'utf8');
  const names = (source) => {
    const found = [];
    for (const [, list] of source.matchAll(/export (?:type )?\{([^}]*)\}/g))
      for (const part of list.split(',')) {
        const name = part
          .replace(/\btype\b/, '')
          .trim()
          .split(/\s+as\s+/)
          .pop();
        if (name) found.push(name);
      }
    for (const [, name] of source.matchAll(/export (?:interface|type|class) ([A-Za-z_$][\w$]*)/g)) found.push(name);
    return found;
  };
  for (const name of names(read('packages/core/src/index.ts'))) exported.set(name, '@kefu/core');
  // The model is re-exported wholesale (`export type * from './model/index.js'`).
  const model = read('packages/core/src/model/index.ts');
  for (const [, file] of model.matchAll(/from '\.\/([\w-]+)\.js'/g))
    for (const name of names(read(`packages/core/src/model/${file}.ts`))) exported.set(name, '@kefu/core');
  for (const name of names(read('packages/elements/src/index.ts'))) exported.set(name, '@kefu/elements');
  return exported;
}

/** `import type { … } from '…'` lines for the type names used in these type texts. */
export function typeImports(typeTexts) {
  const byPackage = new Map();
  for (const text of typeTexts)
    for (const [name] of text.matchAll(/[A-Za-z_$][\w$]*/g)) {
      const from = exportedTypes().get(name);
      if (!from) continue;
      byPackage.set(from, new Set([...(byPackage.get(from) ?? []), name]));
    }
  return [...byPackage]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([from, names]) => `import type { ${[...names].sort().join(', ')} } from '${from}';`);
}
