// How a link in running text looks: underlined and in the brand colour, at 4.5:1 or better on both
// the light and the dark background. A link on a line of its own is also made a 24 px target
// (WCAG 2.5.8); one inside a sentence takes its line's height, which 2.5.8 allows.
export const TEXT_LINK =
  "font-medium text-brand-700 underline underline-offset-4 hover:text-brand-600 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-brand-500 dark:text-brand-100 dark:hover:text-white";

export const STANDALONE_LINK = `${TEXT_LINK} inline-block min-h-6 py-0.5`;
