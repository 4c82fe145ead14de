/** The reference seed reads CSV through the shared reader in platform/text. */
export { parseCsv } from '../platform/text/csv';
