/**
 * The styles the packet's text engine works with: a span of text in one font style, size and colour.
 */
import type { FontStyle } from "../fonts.server";

export type Rgb = readonly [number, number, number];

export interface TextStyle {
  font: FontStyle;
  /** points */
  size: number;
  color: Rgb;
}

export interface Span {
  text: string;
  style: TextStyle;
}
