/**
 * The If-Match value for changing an object fetched before: its etag. Sending it makes the
 * change fail with 412 if someone else changed the object in between, instead of overwriting
 * their change.
 *
 * ```ts
 * const app = await slipway.applications.getApplication({ name });
 * await slipway.applications.updateApplication({ name, ifMatch: ifMatch(app), applicationPatch: { description } });
 * ```
 */
export function ifMatch(fetched: { etag?: string }): string {
  if (!fetched.etag) {
    throw new Error('the object carries no etag; fetch it again before changing it');
  }
  return fetched.etag;
}
