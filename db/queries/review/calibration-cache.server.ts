/**
 * The in-process generation of interviewer calibration's inputs (submitted ratings). Every write
 * path that changes them bumps it: submitting and amending a scorecard, erasing a candidate.
 * Commits by other connections (scripts, a restore) show in `PRAGMA data_version` instead.
 * Keeping this O(1) matters: the review page checks it on every view.
 */
let generation = 0;

export function noteCalibrationInputsChanged(): void {
  generation++;
}

export function calibrationInputsGeneration(): number {
  return generation;
}
