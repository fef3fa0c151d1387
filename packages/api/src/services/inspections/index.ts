export * as circulars from './circulars';
export * as findings from './findings';
export * as goodPractices from './good-practices';
export * as plans from './plans';
export * as tenantSide from './tenant';
export { findingTodoCounts } from './tenant';
