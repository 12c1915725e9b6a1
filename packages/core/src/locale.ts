/** A BCP 47 tag's language, lower case: "zh-Hans-CN" → "zh". */
export function primaryLanguage(tag: string): string {
  return tag.toLowerCase().split('-')[0] ?? '';
}

/**
 * The tag of `available` that serves `wanted`: the same tag (any case), else the same language
 * (zh-Hans-CN → zh-CN), else none. The one rule for every choice of language in Kefu: the help
 * centre's, a catalogue's, the language switch's.
 */
export function matchLocale(wanted: string, available: readonly string[]): string | undefined {
  return (
    available.find((tag) => tag.toLowerCase() === wanted.toLowerCase()) ??
    available.find((tag) => primaryLanguage(tag) === primaryLanguage(wanted))
  );
}
