import { z } from 'zod';
import type { BusinessHours, StoreConfig } from '@kefu/core';

/**
 * A store's settings file (`KEFU_CONFIG`, docs/server.md "Your store's settings"): the store
 * configuration the widget reads from GET /v1/config, key for key, plus the server's own
 * `allowedOrigins`. Every rule here is written for the person editing the file: each problem comes
 * back as one line naming the key and what it must be, and a key the server does not know is a
 * problem too, since a misspelt key silently ignored is a setting that silently does not apply.
 */
export interface StoreSettings {
  /** What GET /v1/config serves. */
  readonly store: StoreConfig;
  /** Storefront origins allowed by CORS; added to KEFU_ALLOWED_ORIGINS (decision 0018). */
  readonly allowedOrigins: readonly string[];
}

/** The problems found in a settings file, one `key.path: what is wrong` line each. */
export class SettingsError extends Error {
  constructor(
    /** Where the settings came from, e.g. the file's path. */
    readonly source: string,
    /** One line per problem, each naming its key. */
    readonly problems: readonly string[],
  ) {
    super(`${source}: ${problems.join('; ')}`);
  }
}

/** A value as a problem line quotes it: short, on one line. */
function shown(value: unknown): string {
  const text = JSON.stringify(value) ?? String(value);
  return text.length > 60 ? `${text.slice(0, 57)}…` : text;
}

/**
 * The error of every check on one key: "must be <what>, not <the value>", or "is missing" when
 * the key is absent. Unknown keys are left to describeIssue, which names them.
 */
function must(what: string) {
  return {
    error: (issue: { code?: string; input?: unknown }) => {
      if (issue.code === 'unrecognized_keys') return undefined;
      if (issue.input === undefined) return `is missing: it must be ${what}`;
      // In YAML an unquoted value that starts with "#" is a comment, which leaves the key empty.
      const hint = issue.input === null ? ' (in YAML, quote a value that starts with "#")' : '';
      return `must be ${what}, not ${shown(issue.input)}${hint}`;
    },
  };
}

function wholeNumber(min: number, max: number, unit: string, extra = '') {
  const error = must(`a whole number of ${unit} from ${min} to ${max}${extra}`);
  return z.number(error).int(error).min(min, error).max(max, error);
}

function text(what: string, pattern?: RegExp) {
  const error = must(what);
  const base = z.string(error).trim().min(1, error);
  return pattern ? base.regex(pattern, error) : base;
}

function list<T extends z.ZodType>(item: T, what: string, min = 0, max = 1000) {
  const count = max < 1000 ? ` (${min} to ${max})` : min > 0 ? ` (at least ${min})` : '';
  const error = must(`a list of ${what}${count}`);
  return z.array(item, error).min(min, error).max(max, error);
}

function section<T extends z.ZodRawShape>(shape: T, what: string) {
  return z.strictObject(shape, must(what));
}

const isTimezone = (zone: string) => {
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
};

/** A BCP 47 tag in the canonical form the widget compares with ("zh-CN", not "zh_cn"). */
const isCanonicalTag = (tag: string) => {
  try {
    return Intl.getCanonicalLocales(tag)[0] === tag;
  } catch {
    return false;
  }
};

const isIsoDate = (date: string) => {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(date)) return false;
  const parsed = new Date(`${date}T00:00:00Z`);
  return !Number.isNaN(parsed.getTime()) && parsed.toISOString().startsWith(date);
};

const isOrigin = (origin: string) => {
  try {
    const url = new URL(origin);
    return (url.protocol === 'https:' || url.protocol === 'http:') && url.origin === origin;
  } catch {
    return false;
  }
};

const isWebUrl = (value: string) => {
  try {
    const url = new URL(value);
    return url.protocol === 'https:' || url.protocol === 'http:';
  } catch {
    return false;
  }
};

const localeTag = text('a BCP 47 language tag in canonical form, e.g. "en" or "zh-CN"').refine(
  isCanonicalTag,
  must('a BCP 47 language tag in canonical form, e.g. "en" or "zh-CN"'),
);
const clockTime = text('a time of day as "HH:MM" (00:00 to 24:00)', /^(?:[01]\d|2[0-3]):[0-5]\d$|^24:00$/);

const businessHours = section(
  {
    timezone: text('an IANA timezone, e.g. "Europe/Paris" or "Asia/Shanghai"').refine(
      isTimezone,
      must('an IANA timezone, e.g. "Europe/Paris" or "Asia/Shanghai"'),
    ),
    weekly: list(
      section(
        {
          weekday: z.literal([1, 2, 3, 4, 5, 6, 7], must('an ISO weekday: 1 (Monday) to 7 (Sunday)')),
          opens: clockTime,
          closes: clockTime,
        },
        'an opening interval: { weekday, opens, closes }',
      ),
      'opening intervals { weekday, opens, closes }',
    ),
    holidays: list(
      text('a date as YYYY-MM-DD').refine(isIsoDate, must('a real date as YYYY-MM-DD')),
      'closed days as YYYY-MM-DD',
    ),
  },
  'business hours: { timezone, weekly, holidays }',
);

const reasonCode = text('a reason code of lower-case letters, digits and "_", e.g. "too_small"', /^[a-z0-9_]{1,40}$/);

/** The file's shape: StoreConfig's keys and the server's `allowedOrigins`. */
export const StoreSettingsFileSchema = section(
  {
    brand: section(
      {
        name: text('the store’s name (1 to 80 characters)').max(80, must('the store’s name (1 to 80 characters)')),
        color: text(
          'a colour as "#rrggbb", "#rgb" or "rgb(r, g, b)"',
          /^#(?:[0-9a-f]{3}|[0-9a-f]{6})$|^rgb\(\s*\d{1,3}\s*,\s*\d{1,3}\s*,\s*\d{1,3}\s*\)$/i,
        ),
        logoUrl: text('an http(s) URL').refine(isWebUrl, must('an http(s) URL')).optional(),
      },
      'the brand: { name, color, logoUrl }',
    ),
    locales: list(localeTag, 'language tags, the default first', 1, 20),
    businessHours,
    channels: section(
      {
        faq: z.boolean(must('true or false')),
        orders: z.boolean(must('true or false')),
        returns: z.boolean(must('true or false')),
        chat: z.boolean(must('true or false')),
        callback: z.boolean(must('true or false')),
        surveys: z.boolean(must('true or false')),
      },
      'the channels on or off: { faq, orders, returns, chat, callback, surveys }',
    ),
    contact: section(
      {
        email: text('an e-mail address', /^[^\s@]+@[^\s@]+\.[^\s@]+$/).optional(),
        phone: section(
          {
            number: text(
              'a phone number in international format, e.g. "+33 1 23 45 67 89"',
              /^\+[0-9][0-9 ().-]{5,24}$/,
            ),
            hours: businessHours.optional(),
          },
          'a phone line: { number, hours }',
        ).optional(),
      },
      'ways to reach the store: { email, phone }',
    ).optional(),
    returnPolicy: section(
      {
        windowDays: wholeNumber(1, 365, 'days'),
        reasons: list(
          section(
            {
              code: reasonCode,
              labels: z
                .record(localeTag, text('a label'), must('labels per language tag, e.g. { en: "Too small" }'))
                .refine(
                  (labels) => Object.keys(labels).length > 0,
                  must('labels per language tag, e.g. { en: "Too small" }'),
                ),
              requiresPhoto: z.boolean(must('true or false')),
            },
            'a return reason: { code, labels, requiresPhoto }',
          ),
          'return reasons { code, labels, requiresPhoto }',
          1,
          50,
        ),
        reasonsByCategory: z
          .record(
            text('a product category'),
            list(reasonCode, 'reason codes', 1),
            must('product categories, each with a list of reason codes'),
          )
          .optional(),
        defaultReasons: list(reasonCode, 'reason codes', 1).optional(),
        resolutions: list(
          z.enum(['refund', 'exchange', 'store_credit'], must('one of refund, exchange, store_credit')),
          'resolutions (refund, exchange, store_credit)',
          1,
          3,
        ),
        photos: section(
          {
            maxCount: wholeNumber(0, 10, 'photos'),
            maxBytes: wholeNumber(10_240, 20_971_520, 'bytes', ' (10 KB to 20 MB)'),
            types: list(
              z.enum(['image/jpeg', 'image/png', 'image/webp'], must('one of image/jpeg, image/png, image/webp')),
              'image types (image/jpeg, image/png, image/webp)',
              1,
              3,
            ),
          },
          'photo limits: { maxCount, maxBytes, types }',
        ),
      },
      'the return policy: { windowDays, reasons, resolutions, photos, … }',
    ),
    callbacks: section(
      {
        slotMinutes: wholeNumber(5, 240, 'minutes'),
        leadMinutes: wholeNumber(0, 10_080, 'minutes', ' (a week)'),
        daysAhead: wholeNumber(1, 60, 'days'),
      },
      'callback settings: { slotMinutes, leadMinutes, daysAhead }',
    ),
    surveys: section(
      {
        triggers: list(
          section(
            {
              on: z.enum(
                ['chat_closed', 'return_created', 'callback_completed'],
                must('one of chat_closed, return_created, callback_completed'),
              ),
              kind: z.enum(['csat', 'nps', 'ces'], must('one of csat, nps, ces')),
              delaySeconds: wholeNumber(0, 86_400, 'seconds', ' (a day)'),
            },
            'a survey trigger: { on, kind, delaySeconds }',
          ),
          'survey triggers { on, kind, delaySeconds }',
        ),
        cooldownDays: wholeNumber(0, 365, 'days'),
      },
      'survey settings: { triggers, cooldownDays }',
    ),
    orderNumbers: section(
      {
        prefix: z
          .string(must('the text before the digits, e.g. "MM-" or "" (at most 20 characters)'))
          .max(20, must('the text before the digits, e.g. "MM-" or "" (at most 20 characters)')),
        suffix: z
          .string(must('the text after the digits (at most 20 characters)'))
          .max(20, must('the text after the digits (at most 20 characters)'))
          .optional(),
      },
      'the order number format: { prefix, suffix }',
    ).optional(),
    allowedOrigins: list(
      text('a storefront origin, e.g. "https://shop.example"').refine(
        isOrigin,
        must('an origin: scheme, host and port only, e.g. "https://shop.example" (no path, no trailing "/")'),
      ),
      'storefront origins',
    ).optional(),
  },
  'a mapping of settings: brand, locales, businessHours, channels, returnPolicy, callbacks, surveys, …',
);

type FileShape = z.infer<typeof StoreSettingsFileSchema>;
// The file is the store configuration: a key StoreConfig gains must be added here too.
type Checked<T extends StoreConfig> = T;
export type StoreConfigFromFile = Checked<Omit<FileShape, 'allowedOrigins'>>;

/** "returnPolicy.reasons[2].code" */
function keyPath(path: readonly PropertyKey[]): string {
  return path
    .map((segment, index) =>
      typeof segment === 'number' ? `[${segment}]` : `${index === 0 ? '' : '.'}${String(segment)}`,
    )
    .join('');
}

/** The keys the object schema at `path` knows, to suggest one for a misspelt key. */
function knownKeys(path: readonly PropertyKey[]): string[] {
  let schema: z.ZodType = StoreSettingsFileSchema;
  for (const segment of path) {
    while (schema instanceof z.ZodOptional) schema = schema.unwrap() as z.ZodType;
    if (schema instanceof z.ZodObject && typeof segment === 'string') schema = schema.shape[segment] as z.ZodType;
    else if (schema instanceof z.ZodArray) schema = schema.element as z.ZodType;
    else if (schema instanceof z.ZodRecord) schema = schema.valueType as z.ZodType;
    else return [];
    if (!schema) return [];
  }
  while (schema instanceof z.ZodOptional) schema = schema.unwrap() as z.ZodType;
  return schema instanceof z.ZodObject ? Object.keys(schema.shape) : [];
}

/** Levenshtein distance, ignoring case: how far a misspelt key is from a known one. */
function editDistance(a: string, b: string): number {
  const [x, y] = [a.toLowerCase(), b.toLowerCase()];
  let previous = Array.from({ length: y.length + 1 }, (_, index) => index);
  for (let i = 1; i <= x.length; i += 1) {
    const current = [i];
    for (let j = 1; j <= y.length; j += 1) {
      const substitution = (previous[j - 1] ?? 0) + (x[i - 1] === y[j - 1] ? 0 : 1);
      current.push(Math.min((previous[j] ?? 0) + 1, (current[j - 1] ?? 0) + 1, substitution));
    }
    previous = current;
  }
  return previous[y.length] ?? 0;
}

function describeIssue(issue: z.core.$ZodIssue): string[] {
  if (issue.code === 'unrecognized_keys') {
    const known = knownKeys(issue.path);
    return issue.keys.map((key) => {
      const near = known.find((candidate) => editDistance(key, candidate) <= Math.max(1, Math.floor(key.length / 4)));
      const advice = near
        ? `did you mean "${near}"?`
        : known.length > 0
          ? `the keys here are ${known.join(', ')}`
          : 'remove it';
      return `${keyPath([...issue.path, key])}: is not a setting (${advice})`;
    });
  }
  if (issue.code === 'invalid_key') return [`${keyPath(issue.path)}: ${issue.issues[0]?.message ?? issue.message}`];
  if (issue.code === 'invalid_element') return [`${keyPath(issue.path)}: ${issue.issues[0]?.message ?? issue.message}`];
  return [`${keyPath(issue.path) || '(the file)'}: ${issue.message}`];
}

function checkHours(hours: BusinessHours, path: string, problems: string[]): void {
  hours.weekly.forEach((interval, index) => {
    if (interval.opens >= interval.closes)
      problems.push(
        `${path}.weekly[${index}]: opens at ${interval.opens}, which is not before it closes (${interval.closes})`,
      );
  });
}

/** The rules between keys: codes that must exist, lists without duplicates, a label per default locale. */
function crossChecks(settings: FileShape): string[] {
  const problems: string[] = [];
  const duplicates = (values: readonly string[]) => values.filter((value, index) => values.indexOf(value) !== index);
  for (const tag of new Set(duplicates(settings.locales))) problems.push(`locales: lists "${tag}" twice`);
  checkHours(settings.businessHours, 'businessHours', problems);
  if (settings.contact?.phone?.hours) checkHours(settings.contact.phone.hours, 'contact.phone.hours', problems);

  const policy = settings.returnPolicy;
  const codes = policy.reasons.map((reason) => reason.code);
  for (const code of new Set(duplicates(codes)))
    problems.push(`returnPolicy.reasons: the code "${code}" is used twice`);
  const defaultLocale = settings.locales[0] ?? '';
  policy.reasons.forEach((reason, index) => {
    if (reason.labels[defaultLocale] === undefined)
      problems.push(
        `returnPolicy.reasons[${index}].labels: has no label for "${defaultLocale}", the default locale (the first in locales)`,
      );
  });
  const known = (list: readonly string[], path: string) =>
    list.forEach((code, index) => {
      if (!codes.includes(code))
        problems.push(`${path}[${index}]: "${code}" is not one of returnPolicy.reasons' codes (${codes.join(', ')})`);
    });
  for (const [category, list] of Object.entries(policy.reasonsByCategory ?? {}))
    known(list, `returnPolicy.reasonsByCategory.${category}`);
  if (policy.defaultReasons) known(policy.defaultReasons, 'returnPolicy.defaultReasons');
  for (const resolution of new Set(duplicates(policy.resolutions)))
    problems.push(`returnPolicy.resolutions: lists "${resolution}" twice`);
  for (const on of new Set(duplicates(settings.surveys.triggers.map((trigger) => trigger.on))))
    problems.push(`surveys.triggers: "${on}" has two surveys; one event asks one survey`);
  return problems;
}

/**
 * Checks what a settings file holds (already parsed from JSON or YAML): the settings, or every
 * problem as one line naming its key.
 */
export function checkSettings(value: unknown, source: string): StoreSettings {
  const parsed = StoreSettingsFileSchema.safeParse(value, { reportInput: true });
  if (!parsed.success) throw new SettingsError(source, parsed.error.issues.flatMap(describeIssue));
  const problems = crossChecks(parsed.data);
  if (problems.length > 0) throw new SettingsError(source, problems);
  const { allowedOrigins = [], ...store } = parsed.data;
  return { store: store satisfies StoreConfigFromFile, allowedOrigins };
}
