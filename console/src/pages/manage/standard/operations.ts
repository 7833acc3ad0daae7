import { graphql } from '../../../gql';

/** One level of the escalation ladder as the standard page shows it and its levels editor saves it. */
export const LADDER_LEVEL_FIELDS = graphql(`
  fragment ManageLadderLevel on EscalationLevelView {
    level
    name
    fromHq
    ...EscalationLevelWords
    workingHoursOnly
  }
`);

/** The store's saved targets and each target's floor: what the page reads and every save returns. */
export const STORE_TARGETS_FIELDS = graphql(`
  fragment ManageStoreTargets on SlaStandard {
    storeTargets {
      metric
      ticketType
      priority
      tier
      amount
      unit
    }
    targetFloors {
      metric
      ticketType
      priority
      tier
      locked
      overrideIndex
      hq {
        amount
        unit
      }
      storeOverride {
        amount
        unit
      }
    }
  }
`);

export const STANDARD = graphql(`
  query ManageStandard {
    slaStandard {
      code
      version
      publishedAt
      ...ManageStoreTargets
      escalation {
        ...ManageLadderLevel
      }
    }
  }
`);

export const SET_OVERRIDES = graphql(`
  mutation ManageSetSlaOverrides($input: SetSlaOverridesInput!) {
    setSlaOverrides(input: $input) {
      standard {
        ...ManageStoreTargets
      }
      floorViolations {
        code
        ruleIndex
        hq {
          amount
          unit
        }
        store {
          amount
          unit
        }
      }
      userErrors {
        field
        code
        message
      }
    }
  }
`);

/** The levels editor saves the same overrides: its answer carries the ladder it made. */
export const SET_LEVELS = graphql(`
  mutation ManageSetEscalationLevels($input: SetSlaOverridesInput!) {
    setSlaOverrides(input: $input) {
      standard {
        escalation {
          ...ManageLadderLevel
        }
      }
      userErrors {
        field
        code
        message
      }
    }
  }
`);
