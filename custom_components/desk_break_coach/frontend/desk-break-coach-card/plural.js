// One way to say a count, the twin of voice/plural.py: the form of a counted
// word for a number, by the language's plural category (Intl.PluralRules, the
// CLDR rules): "1 minute", "2 minutes"; «1 минуту», «2 минуты», «5 минут».

export function pluralCategory(lang, n) {
  try {
    return new Intl.PluralRules(lang).select(Number(n));
  } catch (err) {
    return Number(n) === 1 ? "one" : "other";
  }
}

// The form of `forms` ({one, few, many, other}) for `n`; a missing category
// falls back on `other`, then `many`.
export const pluralForm = (lang, forms, n) => forms[pluralCategory(lang, n)]
  || forms.other || forms.many || "";
