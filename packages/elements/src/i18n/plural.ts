/**
 * A count's words in each plural category its language has (CLDR's zero, one, two, few, many,
 * other), `{count}` standing for the number. English needs one and other; Arabic needs all six
 * ("دقيقتان", two minutes, is a form of its own, not "2 دقائق"), Chinese only other.
 */
export type PluralForms = Readonly<Partial<Record<Intl.LDMLPluralRule, string>>> & { readonly other: string };

const rulesByLocale = new Map<string, Intl.PluralRules>();

/** The form of `forms` that `Intl.PluralRules` picks for `count` in `locale`, with the count written in it. */
export function plural(locale: string, count: number, forms: PluralForms): string {
  let rules = rulesByLocale.get(locale);
  if (!rules) rulesByLocale.set(locale, (rules = new Intl.PluralRules(locale)));
  return (forms[rules.select(count)] ?? forms.other).replace('{count}', new Intl.NumberFormat(locale).format(count));
}
