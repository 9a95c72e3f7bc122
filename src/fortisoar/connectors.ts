/**
 * Connectors (`soar.connectors`): discovery, health, configurations, execution, the Connector
 * Studio workspace (`soar.connectors.dev`) and install/uninstall on the appliance.
 *
 * Appliance uninstall (`uninstall(name)`, by the connector's integer id on the appliance's own
 * agent) and agent uninstall (`soar.agents.uninstallConnector(agentId, ...)`) are different calls.
 */
import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import type { Clock } from '../core/clock.js';
import { ProtocolError, ValidationError } from '../core/errors.js';
import { isRecord } from '../core/guards.js';
import { checkCallOptions } from '../core/timeouts.js';
import { type CallOptions, callOptions, type SoarCaller } from './caller.js';
import type {
  CompletedExecution,
  ConnectorConfiguration,
  ConnectorDetail,
  DevEntity,
  DevEntityDetail,
  ExecuteResult,
  HealthcheckResult,
  InstalledConnector,
  InstallJob,
  SubmittedExecution,
} from './connector-types.js';
import { ENDPOINTS } from './endpoints.js';
import { FortiSoarApiError, FortiSoarNotFoundError } from './errors.js';
import { integrationPage, itemsOf, pagesOf } from './hydra.js';
import { pollUntil, type WaitOptions } from './poll.js';
import { multipartUpload, type UploadSource } from './upload.js';

export interface ExecuteOptions extends CallOptions {
  params?: Record<string, unknown>;
  /** Configuration `config_id` (default: the connector's default configuration). */
  config?: string;
  /** Connector version (default: the installed one). */
  version?: string;
}

export interface InstallOptions extends WaitOptions<InstallJob> {
  /** Poll the import job to its end (default false: answer the job as it starts). */
  wait?: boolean;
  /** With `wait`: throw a FortiSoarApiError when the import fails (default true). */
  throwOnError?: boolean;
}

const PAGE_SIZE = 100;

export class Connectors {
  /** The Connector Studio workspace. */
  readonly dev: ConnectorStudio;

  constructor(
    private readonly caller: SoarCaller,
    private readonly clock: Clock,
  ) {
    this.dev = new ConnectorStudio(caller);
  }

  /** Installed connectors with their configurations, every page. */
  async listConfigured(
    options: CallOptions & { name?: string; active?: boolean } = {},
  ): Promise<InstalledConnector[]> {
    checkCallOptions(options);
    return this.#all<InstalledConnector>(
      ENDPOINTS.connectors,
      { name: options.name, active: options.active },
      options,
    );
  }

  /** The installed version of a connector, or undefined when it is not installed. */
  async resolveVersion(name: string, options: CallOptions = {}): Promise<string | undefined> {
    return (await this.#installed(name, options))?.version;
  }

  /** The installed connector's record with its operations (`POST .../connectors/<id>/` with `{}`; GET is refused). */
  async connectorDetail(name: string, options: CallOptions = {}): Promise<ConnectorDetail> {
    const connector = await this.#require(name, options);
    return this.caller.call<ConnectorDetail>(ENDPOINTS.connectorDetail, {
      params: { id: connector.id },
      json: {},
      ...callOptions(options),
    });
  }

  /** Configurations, filtered by connector `name` and/or `active`. */
  async listConfigurations(
    options: CallOptions & { name?: string; active?: boolean } = {},
  ): Promise<ConnectorConfiguration[]> {
    checkCallOptions(options);
    return this.#all<ConnectorConfiguration>(
      ENDPOINTS.configurations,
      { name: options.name, active: options.active },
      options,
    );
  }

  /** Whether a configuration reaches the connector's server (`status: 'Available'`). */
  async healthcheck(
    name: string,
    options: CallOptions & { version?: string; config?: string } = {},
  ): Promise<HealthcheckResult> {
    checkName(name);
    const version = options.version ?? (await this.#require(name, options)).version;
    const data = await this.caller.call<Record<string, unknown>>(ENDPOINTS.healthcheck, {
      params: { name, version },
      query: { config: options.config },
      ...callOptions(options),
    });
    return { ...(data as unknown as HealthcheckResult), healthy: data.status === 'Available' };
  }

  /**
   * Runs one operation. On the appliance the result comes back at once (`state: 'completed'`); a
   * connector bound to a remote agent only submits it (`state: 'submitted'`): wait with `waitForOutcome`.
   *
   * @example
   * const r = await soar.connectors.execute('virustotal', 'get_reputation_ip', { params: { ip: '8.8.8.8' } });
   * if (r.state === 'completed') console.log(r.data);
   */
  async execute<D = unknown>(
    name: string,
    operation: string,
    options: ExecuteOptions = {},
  ): Promise<ExecuteResult<D>> {
    checkCallOptions(options);
    checkName(name);
    if (typeof operation !== 'string' || operation === '')
      throw new ValidationError('operation is required', 'operation');
    if (options.params !== undefined && !isRecord(options.params))
      throw new ValidationError('params must be an object', 'params');
    const version = options.version ?? (await this.resolveVersion(name, options)) ?? '';
    const data = await this.caller.call<Record<string, unknown>>(ENDPOINTS.execute, {
      json: {
        connector: name,
        version,
        config: options.config ?? '',
        operation,
        params: options.params ?? {},
      },
      ...callOptions(options),
    });
    if (typeof data.request_id === 'string' && data.request_id !== '' && !isSuccess(data.status)) {
      return {
        state: 'submitted',
        operation,
        status: String(data.status),
        message: String(data.message ?? ''),
        requestId: data.request_id,
      };
    }
    return completed<D>(operation, data);
  }

  /** Waits for the outcome of an operation an agent runs (it reports to the audit log). */
  async waitForOutcome<D = unknown>(
    submitted: SubmittedExecution,
    options: WaitOptions<undefined> = {},
  ): Promise<CompletedExecution<D>> {
    const entry = await pollUntil(
      this.clock,
      `Action ${submitted.operation} (${submitted.requestId})`,
      async (signal) => {
        const data = await this.caller.call<Record<string, unknown>>(ENDPOINTS.audit, {
          json: {
            component: 'agent',
            operation: 'Executed Action',
            search: submitted.requestId,
            page: 0,
            limit: 10,
          },
          signal,
        });
        const content = Array.isArray(data.content) ? data.content.filter(isRecord) : [];
        return content.find((e) => e.entityUuid === submitted.requestId);
      },
      (found) => found !== undefined,
      (found) => (found ? 'done' : 'waiting'),
      { ...options, onProgress: undefined },
    );
    return completed<D>(submitted.operation, isRecord(entry?.data) ? entry.data : {});
  }

  /**
   * Installs a connector from Content Hub as an import job; with `wait`, polls it to its end,
   * reporting progress.
   *
   * @example
   * await soar.connectors.install('fortinet-fortisiem', '6.1.0', { wait: true, onProgress: (j) => console.log(j.progressPercent) });
   */
  async install(name: string, version: string, options: InstallOptions = {}): Promise<InstallJob> {
    checkName(name);
    if (typeof version !== 'string' || version === '')
      throw new ValidationError('version is required', 'version');
    const started = await this.caller.call<Record<string, unknown>>(ENDPOINTS.install, {
      json: { name, version },
      signal: options.signal,
    });
    const job = isRecord(started.importJob) ? started.importJob : undefined;
    const uuid =
      typeof job?.uuid === 'string'
        ? job.uuid
        : String(job?.['@id'] ?? '')
            .split('/')
            .pop();
    if (!uuid)
      throw new ProtocolError(`Installing ${name} ${version}: the reply names no import job`, {
        status: 200,
      });
    if (!options.wait) return this.installStatus(uuid, options);
    const final = await pollUntil(
      this.clock,
      `Install of ${name} ${version}`,
      (signal) => this.installStatus(uuid, { signal }),
      (state) => state.done,
      (state) => `${state.status}|${state.progressPercent}`,
      options,
    );
    if (!final.ok && (options.throwOnError ?? true)) {
      throw new FortiSoarApiError(
        `Install of connector ${name} ${version} failed: ${final.errorMessage ?? final.status}`,
        {
          product: 'fortisoar',
          apiCode: final.status,
          url: `/api/3/import_jobs/${uuid}`,
          apiMessage: final.errorMessage ?? undefined,
        },
      );
    }
    return final;
  }

  /** The state of an install's import job. */
  async installStatus(jobId: string, options: CallOptions = {}): Promise<InstallJob> {
    const data = await this.caller.call<Record<string, unknown>>(ENDPOINTS.importJob, {
      params: { uuid: jobId },
      ...callOptions(options),
    });
    const status = String(data.status ?? '');
    const failed = /fail|error/i.test(status);
    const complete = /complete/i.test(status);
    return {
      uuid: jobId,
      status,
      progressPercent: typeof data.progressPercent === 'number' ? data.progressPercent : 0,
      currentlyImporting: typeof data.currentlyImporting === 'string' ? data.currentlyImporting : null,
      errorMessage: typeof data.errorMessage === 'string' ? data.errorMessage : null,
      done: failed || complete,
      ok: complete && !failed,
    };
  }

  /** Installs a connector bundle (`.tgz`: a path, bytes or a stream); `replace` reinstalls the same version. */
  async installFromFile(
    bundle: string | UploadSource,
    options: CallOptions & { replace?: boolean; filename?: string } = {},
  ): Promise<ConnectorDetail> {
    checkCallOptions(options);
    const source =
      typeof bundle === 'string' ? { bytes: await readFile(bundle), name: basename(bundle) } : undefined;
    const body = await multipartUpload(source ? source.bytes : (bundle as UploadSource), {
      filename: options.filename ?? source?.name,
      contentType: 'application/gzip',
    });
    return this.caller.call<ConnectorDetail>(ENDPOINTS.install, {
      query: { $type: 'connector', $replace: options.replace || undefined },
      body: { data: body.data, contentType: body.contentType },
      replayable: body.replayable,
      ...callOptions(options),
    });
  }

  /** Removes a connector (and its configurations) from the appliance. */
  async uninstall(name: string, options: CallOptions = {}): Promise<void> {
    const connector = await this.#require(name, options);
    await this.caller.call(ENDPOINTS.uninstall, { params: { id: connector.id }, ...callOptions(options) });
  }

  async #installed(name: string, options: CallOptions): Promise<InstalledConnector | undefined> {
    checkName(name);
    checkCallOptions(options);
    const found = await this.#all<InstalledConnector>(ENDPOINTS.connectors, { name }, options);
    return found.find((c) => c.name === name);
  }

  async #require(name: string, options: CallOptions): Promise<InstalledConnector> {
    const connector = await this.#installed(name, options);
    if (!connector) {
      throw new FortiSoarNotFoundError(`Connector ${name} is not installed on this FortiSOAR`, {
        product: 'fortisoar',
        apiCode: 'connector',
        url: ENDPOINTS.connectors.path,
        status: 404,
      });
    }
    return connector;
  }

  async #all<T>(
    endpoint: (typeof ENDPOINTS)[keyof typeof ENDPOINTS],
    filter: Record<string, string | boolean | undefined>,
    options: CallOptions,
  ): Promise<T[]> {
    const out: T[] = [];
    const pages = pagesOf((page) =>
      this.caller
        .call(endpoint, { query: { ...filter, page, page_size: PAGE_SIZE }, ...callOptions(options) })
        .then((data) => integrationPage<T>(data, page, endpoint.path)),
    );
    for await (const item of itemsOf(pages)) out.push(item);
    return out;
  }
}

/** The Connector Studio workspace: edit a checked-out connector's files, then publish it onto the appliance. */
export class ConnectorStudio {
  constructor(private readonly caller: SoarCaller) {}

  /** Connectors checked out for editing. */
  async list(options: CallOptions = {}): Promise<DevEntity[]> {
    checkCallOptions(options);
    const data = await this.caller.call(ENDPOINTS.devList, {
      query: { page_size: 1000 },
      ...callOptions(options),
    });
    return integrationPage<DevEntity>(data, 1, ENDPOINTS.devList.path).items;
  }

  /** Opens a workspace connector (or checks out an installed one by its id) for editing. */
  async edit(id: number, options: CallOptions = {}): Promise<DevEntityDetail> {
    checkCallOptions(options);
    return this.caller.call(ENDPOINTS.devEdit, {
      params: { id: checkId(id) },
      json: { edit_repo_connector: true },
      ...callOptions(options),
    });
  }

  /** One file's text, by its workspace path (`/<name>_<version>_dev/info.json`). */
  async readFile(id: number, xpath: string, options: CallOptions = {}): Promise<string> {
    checkCallOptions(options);
    const data = await this.caller.call<Record<string, unknown>>(ENDPOINTS.devReadFile, {
      params: { id: checkId(id) },
      json: { xpath: checkPath(xpath) },
      ...callOptions(options),
    });
    if (typeof data.fileContent !== 'string')
      throw new ProtocolError(`Studio file ${xpath}: the reply has no fileContent`, { status: 200 });
    return data.fileContent;
  }

  /** Saves one file (a path relative to the connector folder works too); it takes effect on publish. */
  async writeFile(
    id: number,
    file: { path: string; content: string },
    options: CallOptions = {},
  ): Promise<void> {
    checkCallOptions(options);
    if (typeof file?.content !== 'string')
      throw new ValidationError('file.content must be a string', 'file.content');
    await this.caller.call(ENDPOINTS.devWriteFile, {
      params: { id: checkId(id) },
      json: { fileData: { xpath: checkPath(file.path), fileContent: file.content } },
      ...callOptions(options),
    });
  }

  /**
   * Lands the workspace onto the appliance and refreshes the integrations service (also the way out
   * of stale code left by a same-version bundle upload). `replace` overwrites the installed version.
   */
  async publish(
    id: number,
    options: CallOptions & { replace?: boolean; discard?: boolean } = {},
  ): Promise<Record<string, unknown>> {
    checkCallOptions(options);
    return this.caller.call(ENDPOINTS.devPublish, {
      params: { id: checkId(id) },
      json: { replace: options.replace ?? false, discard: options.discard ?? false },
      ...callOptions(options),
    });
  }
}

function completed<D>(operation: string, data: Record<string, unknown>): CompletedExecution<D> {
  return {
    state: 'completed',
    operation: typeof data.operation === 'string' ? data.operation : operation,
    status: String(data.status ?? ''),
    ok: isSuccess(data.status),
    message: String(data.message ?? ''),
    data: data.data as D,
  };
}

function isSuccess(status: unknown): boolean {
  return typeof status === 'string' && status.toLowerCase() === 'success';
}

function checkName(name: string): void {
  if (typeof name !== 'string' || !/^[A-Za-z0-9][A-Za-z0-9_.-]*$/.test(name))
    throw new ValidationError(
      `connector name must be a name such as 'virustotal', got ${JSON.stringify(name)}`,
      'name',
    );
}

function checkId(id: number): number {
  if (!Number.isInteger(id) || id < 1)
    throw new ValidationError(`id must be a positive integer, got ${id}`, 'id');
  return id;
}

function checkPath(path: string): string {
  if (typeof path !== 'string' || path === '') throw new ValidationError('path is required', 'path');
  return path;
}
