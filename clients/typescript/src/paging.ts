/** One page of a list operation, as every Slipway list answers. */
export interface Page<T> {
  items?: T[];
  /** Absent on the last page. */
  nextPageToken?: string;
}

/**
 * Every item of a paged list, fetching pages as the loop reaches them:
 *
 * ```ts
 * for await (const app of allItems((pageToken) => client.applications.listApplications({ pageToken }))) { ... }
 * ```
 *
 * Stops after the page without a nextPageToken; breaking out of the loop fetches no further pages.
 */
export async function* allItems<T>(fetchPage: (pageToken: string | undefined) => Promise<Page<T>>): AsyncGenerator<T, void, undefined> {
  for await (const page of allPages(fetchPage)) {
    yield* page.items ?? [];
  }
}

/** Every page of a paged list, in order. */
export async function* allPages<T, P extends Page<T> = Page<T>>(
  fetchPage: (pageToken: string | undefined) => Promise<P>,
): AsyncGenerator<P, void, undefined> {
  let pageToken: string | undefined;
  const seen = new Set<string>();
  do {
    const page = await fetchPage(pageToken);
    yield page;
    pageToken = page.nextPageToken || undefined;
    // A server answering the same token again would loop forever; fail loudly instead.
    if (pageToken !== undefined) {
      if (seen.has(pageToken)) {
        throw new Error(`page token repeated: ${pageToken}`);
      }
      seen.add(pageToken);
    }
  } while (pageToken !== undefined);
}

/** Collects a paged list into one array (for small lists; prefer allItems for large ones). */
export async function listAll<T>(fetchPage: (pageToken: string | undefined) => Promise<Page<T>>): Promise<T[]> {
  const items: T[] = [];
  for await (const item of allItems(fetchPage)) {
    items.push(item);
  }
  return items;
}
