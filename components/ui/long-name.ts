// For an element that shows a name someone chose: an account alias may be 64 letters without a space.
// The name wraps between words, and a word too long for its line is cut short with an ellipsis
// rather than split in two, so give the element the whole name as its title too (screen readers read
// the whole text either way). In a flex or grid row the element must be allowed to shrink: min-w-0.
export const LONG_NAME = "min-w-0 overflow-hidden text-ellipsis";
