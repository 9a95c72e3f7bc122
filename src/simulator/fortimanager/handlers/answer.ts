/**
 * What a handler returns when its result entry carries more than `data` (FortiManager puts a `taskid`
 * or a database `version` beside `data` and `status` for some urls).
 */
export class ParamAnswer {
  constructor(
    readonly data: unknown,
    readonly extra: Readonly<Record<string, unknown>>,
  ) {}
}
