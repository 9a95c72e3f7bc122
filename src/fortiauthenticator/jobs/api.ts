import type { FacParentArgs, FacResource, FacResourceName } from '../typing.js';

/** What the job helpers need of the client: its resource handles. */
export interface FacResourceSource {
  resource<N extends FacResourceName>(name: N, ...parent: FacParentArgs<N>): FacResource<N>;
}
