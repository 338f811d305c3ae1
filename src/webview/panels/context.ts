/** What every panel renderer gets: its payload, the user's options, the theme, and where to draw. */
import type { Chart } from "chart.js";
import type { PanelUiState } from "../messages";
import type { Theme } from "../theme";

export interface RenderContext<P> {
  payload: P;
  ui: PanelUiState;
  theme: Theme;
  /** Where the panel's own controls go (beside the export buttons). */
  controls: HTMLElement;
  canvas: HTMLCanvasElement;
  /** A line of explanation under the controls (counts, what is missing). */
  note: HTMLElement;
  /** Change options and re-render. */
  setUi(patch: Partial<PanelUiState>): void;
}

export type Renderer<P> = (ctx: RenderContext<P>) => Chart | undefined;
