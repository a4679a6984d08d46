/** Every figure of issue 4, in order. A new figure: write bench/figures/figN-name.ts and list it here. */
import type { Figure } from '../framework';
import { grammarFigure } from './fig1-grammar';
import { matcherFigure } from './fig2-matcher';
import { reanchoringFigure } from './fig3-reanchoring';
import { hoverFigure } from './fig4-hover';
import { pickersFigure } from './fig5-pickers';
import { sidecarsFigure } from './fig6-sidecars';
import { startupFigure } from './fig7-startup';
import { scaleFigure } from './fig8-scale';
import { suggestFigure } from './fig9-suggest';
import { mentionsFigure } from './fig10-mentions';
import { recognitionFigure } from './fig11-recognition';
import { hostileFigure } from './fig12-hostile';
import { teamFigure } from './fig13-team';
import { interchangeFigure } from './fig14-interchange';
import { explorerFigure } from './fig15-explorer';
import { draftFigure } from './fig16-draft';

export const FIGURES: readonly Figure[] = [
  grammarFigure,
  matcherFigure,
  reanchoringFigure,
  hoverFigure,
  pickersFigure,
  sidecarsFigure,
  startupFigure,
  scaleFigure(() => FIGURES),
  suggestFigure,
  mentionsFigure,
  recognitionFigure,
  hostileFigure,
  teamFigure,
  interchangeFigure,
  explorerFigure,
  draftFigure,
];
