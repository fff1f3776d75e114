/**
 * The debug and terminal commands (see package.json). Kept apart from
 * ../commands.ts, whose handler table must name every id there.
 */
export const enum RuntimeCommandId {
  DiagnoseFinding = 'tokenDoctor.debug.diagnoseFinding',
  CopyRedactedToken = 'tokenDoctor.debug.copyRedactedToken',
  ClearFindings = 'tokenDoctor.debug.clearFindings',
  DiagnoseVariable = 'tokenDoctor.debug.diagnoseVariable',
}
