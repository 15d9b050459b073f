/** A suggested span: computed, never stored; it becomes a span only when the annotator accepts it. */
export interface Suggestion {
  /** Stable for the same text: suggester, label and boundaries. */
  id: string;
  label: string;
  /** Code points, `[start, end)`. */
  start: number;
  end: number;
  quote: string;
  attributes: Record<string, string>;
  suggester: string;
  /** 0..1: how sure the rule is. */
  score: number;
}
