/** Every table of every module, for Drizzle's relational queries and drizzle-kit. */
export * from './meta-schema';
export * from '../audit/schema';
export * from '../mail/schema';
export * from '../auth/schema';
export * from '../../org/schema';
export * from '../../monitoring/schema';
export * from '../../indicators/schema';
export * from '../../feedback/schema';
export * from '../files/schema';
export * from '../rate-limit/schema';
export * from '../../monitoring/reports/schema';
export * from '../../monitoring/saved-filters/schema';
export * from '../../feedback/deadlines/schema';
export * from '../../portal/schema';
