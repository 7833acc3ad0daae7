import { registerEnumType } from 'type-graphql';

/** Where an inspection stands. */
export enum InspectionStatus {
  /** Planned for a day; nothing recorded yet. */
  SCHEDULED = 'SCHEDULED',
  /** The inspector has recorded findings that are not final. */
  DRAFT = 'DRAFT',
  /** Final: the total is computed, the store sees it, failed items opened corrective actions. */
  SUBMITTED = 'SUBMITTED',
}

/** HQ's ruling on a store's contest of an item. */
export enum ContestRuling {
  /** The store is right: the item counts as passed, the total is recomputed and its corrective action withdrawn. */
  UPHELD = 'UPHELD',
  /** The finding stands. */
  REJECTED = 'REJECTED',
}

/** Where a corrective action stands (derived: the store's resolution, HQ's upheld contest). */
export enum CorrectiveActionStatus {
  OPEN = 'OPEN',
  RESOLVED = 'RESOLVED',
  /** The failed item was contested and HQ upheld the contest: nothing to correct. */
  WITHDRAWN = 'WITHDRAWN',
}

registerEnumType(InspectionStatus, { name: 'InspectionStatus', description: 'SCHEDULED, DRAFT (findings recorded, not final) or SUBMITTED.' });
registerEnumType(ContestRuling, { name: 'ContestRuling', description: "HQ's ruling on a contested item: UPHELD (counts as passed) or REJECTED." });
registerEnumType(CorrectiveActionStatus, {
  name: 'CorrectiveActionStatus',
  description: 'OPEN, RESOLVED (the store recorded what it did) or WITHDRAWN (the contest of the item was upheld).',
});
