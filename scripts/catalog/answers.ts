/**
 * What FortiManager answers in `data` to writes and `exec`, where the facts say nothing: from the
 * replies recorded in the public JSON-RPC book and the simulator, which reproduces them. The
 * generator writes these into the catalog entries (types only); nothing here ships.
 */

import type { WriteAnswer } from '../../src/fortimanager/catalog/entry.js';
import type { CatalogTemplate } from '../../src/fortimanager/catalog/rules.js';

/**
 * Tables whose writes answer no data at all, not the row's key (recorded: `add /dvmdb/adom/DEMO/group`,
 * `add /pm/wanprof/adom/jpf_demo`, `set pm/devprof/adom/demo/system_template_001`: no `data`):
 * device groups, and the policy packages and templates addressed by folder path.
 */
export const ANSWER_NOTHING: ReadonlySet<string> = new Set([
  'dvmdb_group',
  'pm_devprof_pkg',
  'pm_pblock_obj',
  'pm_pkg',
  'pm_wanprof_pkg',
]);

// A FortiOS setting inside a system template answers the data it was given (recorded:
// `set pm/config/adom/demo/devprof/default/log/syslogd/filter` -> `{"exclude-list": null, "severity": 3}`);
// the template's own settings (`.../device/...`) answer nothing.
const TEMPLATE_SETTING = /^\/pm\/config\/adom\/\{adom\}\/devprof\/\{devprof\}\/(?!device\/)/;

/** What writes to a table or singleton template answer; every other kind answers nothing. */
export function writeAnswerOf({ template, object }: CatalogTemplate): WriteAnswer {
  if (object.kind === 'table') return ANSWER_NOTHING.has(object.name) ? 'none' : 'key';
  if (object.kind === 'object' && TEMPLATE_SETTING.test(template)) return 'data';
  return 'none';
}

const TASK = 'TaskAnswer';
const DVM_TASK = 'DvmTaskAnswer';

/**
 * The `data` of `exec` endpoints, as TypeScript text over the answer types of `entry.ts`. Recorded:
 * the installs, previews, imports and checks start a task (`{"task": 2066}`); `/dvm/cmd/...` answers
 * a task id with `create_task` (`{"taskid": 1956}`, `{"pid": 6665, "taskid": 4}`), nothing without;
 * `add/device` answers the device too; the proxy answers one entry per target; a preview result
 * its CLI (`{"message": ...}`); login, logout and the workspace lock, unlock and commit answer no
 * data (a commit's task id comes beside the status, not in `data`).
 */
export const EXEC_ANSWERS: Readonly<Record<string, string>> = {
  securityconsole_install_device: TASK,
  securityconsole_install_package: TASK,
  securityconsole_install_preview: TASK,
  securityconsole_install_objects_v2: TASK,
  securityconsole_import_dev_objs: TASK,
  securityconsole_cliprof_check: TASK,
  securityconsole_sign_certificate_template: TASK,
  dvm_cmd_add_devlist: '{ taskid: number }',
  dvm_cmd_add_device: '{ device: FmgLooseObject; taskid?: number }',
  dvm_cmd_del_device: DVM_TASK,
  dvm_cmd_update_device: DVM_TASK,
  dvm_cmd_update_devlist: DVM_TASK,
  dvm_cmd_reload_devlist: DVM_TASK,
  dvm_cmd_changehaseq: DVM_TASK,
  sys_proxy_json: 'ProxyAnswer[] | undefined',
  securityconsole_preview_result: '{ message: string }',
  sys_login_user: 'undefined',
  sys_logout: 'undefined',
  dvmdb_workspace_lock: 'undefined',
  dvmdb_workspace_lock_dev: 'undefined',
  dvmdb_workspace_lock_obj: 'undefined',
  dvmdb_workspace_lock_pkg: 'undefined',
  pm_config_workspace_lock: 'undefined',
  dvmdb_workspace_unlock: 'undefined',
  dvmdb_workspace_unlock_dev: 'undefined',
  dvmdb_workspace_unlock_obj: 'undefined',
  dvmdb_workspace_unlock_pkg: 'undefined',
  pm_config_workspace_unlock: 'undefined',
  dvmdb_workspace_commit: 'undefined',
  dvmdb_workspace_commit_dev: 'undefined',
  dvmdb_workspace_commit_obj: 'undefined',
  dvmdb_workspace_commit_pkg: 'undefined',
  pm_config_workspace_commit: 'undefined',
};

/** The answer type text of an exec object, or undefined when no recorded reply says. */
export function execAnswerOf(objectName: string): string | undefined {
  return EXEC_ANSWERS[objectName];
}

/** Names from `entry.ts` an answer type text uses (for the generated file's import). */
export function answerImports(text: string): string[] {
  return ['TaskAnswer', 'DvmTaskAnswer', 'ProxyAnswer', 'FmgLooseObject'].filter((name) =>
    new RegExp(`\\b${name}\\b`).test(text),
  );
}
