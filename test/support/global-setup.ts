/** Nothing to start yet; the PostgreSQL server for conformance suites is added with the store. */
export default async function setup(): Promise<void> {}
