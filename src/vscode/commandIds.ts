/**
 * Every command id the extension contributes, in one place (package.json
 * declares each with the "Token Doctor" category). No imports, so any file
 * can name a command without pulling in its handler.
 */
export const enum CommandId {
  DiagnoseToken = 'tokenDoctor.diagnoseToken',
  /** Opens the panel on a finding named by a FindingTarget (hover links, lenses, quick fixes). */
  ShowDiagnosis = 'tokenDoctor.showDiagnosis',
  CopyDecoded = 'tokenDoctor.copyDecoded',
  CopyRedacted = 'tokenDoctor.copyRedacted',
  OpenSettings = 'tokenDoctor.openSettings',
  /** Copies the corrected claims of a signed client assertion (a quick fix's command). */
  CopyCorrectedClaims = 'tokenDoctor.copyCorrectedClaims',
  /** The walkthrough's sample in a new unsaved .http buffer. */
  OpenSample = 'tokenDoctor.openSample',
  /** Keys (registered by ./keys): check a token's signature, decrypt a JWE, list and remove stored keys. */
  VerifySignature = 'tokenDoctor.verifySignature',
  Decrypt = 'tokenDoctor.decrypt',
  ManageKeys = 'tokenDoctor.manageKeys',
  /** Debug view and Variables view (registered by ./debug). */
  DebugDiagnoseFinding = 'tokenDoctor.debug.diagnoseFinding',
  DebugCopyRedactedToken = 'tokenDoctor.debug.copyRedactedToken',
  DebugClearFindings = 'tokenDoctor.debug.clearFindings',
  DebugDiagnoseVariable = 'tokenDoctor.debug.diagnoseVariable',
}

/** The commands whose handlers ./commands registers. */
export type EditorCommandId =
  CommandId.DiagnoseToken | CommandId.ShowDiagnosis | CommandId.CopyDecoded | CommandId.CopyRedacted | CommandId.OpenSettings | CommandId.CopyCorrectedClaims;
