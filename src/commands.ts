/** Every command id the extension contributes, in one place (see package.json). */
export const enum CommandId {
  DiagnoseToken = 'tokenDoctor.diagnoseToken',
}
