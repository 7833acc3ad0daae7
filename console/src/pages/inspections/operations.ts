import { graphql } from '../../gql';

export const CHECKLISTS = graphql(`
  query InspectionChecklists {
    inspectionChecklists(first: 100) {
      edges {
        node {
          id
          code
          version
          titleZhCn
          titleEn
          publishedAt
          items {
            id
            position
            weight
            textZhCn
            textEn
            maxScore
            passScore
          }
        }
      }
    }
  }
`);

export const PUBLISH_CHECKLIST = graphql(`
  mutation PublishInspectionChecklist($input: PublishInspectionChecklistInput!) {
    publishInspectionChecklist(input: $input) {
      checklist {
        id
        code
        version
      }
      userErrors {
        field
        code
        message
      }
    }
  }
`);

export const INSPECTIONS = graphql(`
  query Inspections {
    inspections(first: 100) {
      edges {
        node {
          id
          status
          announced
          scheduledOn
          scorePercent
          submittedAt
          store {
            id
            name
            timeZone
          }
          checklist {
            id
            code
            version
            titleZhCn
            titleEn
          }
        }
      }
    }
  }
`);

/** The stores an inspection can be scheduled for. */
export const SCHEDULE_CHOICES = graphql(`
  query InspectionScheduleChoices {
    tenants(first: 100, kind: STORE) {
      edges {
        node {
          id
          name
        }
      }
    }
  }
`);

export const SCHEDULE_INSPECTION = graphql(`
  mutation ScheduleInspection($input: ScheduleInspectionInput!) {
    scheduleInspection(input: $input) {
      inspection {
        id
      }
      userErrors {
        field
        code
        message
      }
    }
  }
`);

export const INSPECTION = graphql(`
  query Inspection($id: ID!) {
    inspection(id: $id) {
      id
      status
      announced
      scheduledOn
      scorePercent
      submittedAt
      notes
      version
      store {
        id
        name
        timeZone
      }
      checklist {
        id
        code
        version
        titleZhCn
        titleEn
        items {
          id
          position
          weight
          textZhCn
          textEn
          maxScore
          passScore
        }
      }
      results {
        id
        passed
        score
        note
        evidence {
          id
          filename
          url
        }
        contestRuling
        rulingNote
        ruledAt
        item {
          id
        }
        contest {
          reason
          contestedAt
        }
      }
      correctiveActions {
        id
        status
        overdue
        dueAt
        result {
          id
        }
      }
    }
  }
`);

export const RECORD_INSPECTION = graphql(`
  mutation RecordInspection($input: RecordInspectionInput!) {
    recordInspection(input: $input) {
      inspection {
        id
        version
      }
      userErrors {
        field
        code
        message
      }
    }
  }
`);

export const SUBMIT_INSPECTION = graphql(`
  mutation SubmitInspection($input: SubmitInspectionInput!) {
    submitInspection(input: $input) {
      inspection {
        id
      }
      userErrors {
        field
        code
        message
      }
    }
  }
`);

export const CONTEST_ITEM = graphql(`
  mutation ContestInspectionItem($input: ContestInspectionItemInput!) {
    contestInspectionItem(input: $input) {
      inspection {
        id
      }
      userErrors {
        field
        code
        message
      }
    }
  }
`);

export const RULE_ON_CONTEST = graphql(`
  mutation RuleOnInspectionContest($input: RuleOnInspectionContestInput!) {
    ruleOnInspectionContest(input: $input) {
      inspection {
        id
      }
      userErrors {
        field
        code
        message
      }
    }
  }
`);

export const CORRECTIVE_ACTIONS = graphql(`
  query CorrectiveActions($status: CorrectiveActionStatus, $overdue: Boolean) {
    correctiveActions(first: 100, status: $status, overdue: $overdue) {
      edges {
        node {
          id
          status
          overdue
          dueAt
          withdrawnAt
          store {
            id
            name
            timeZone
          }
          inspection {
            id
          }
          result {
            id
            note
            item {
              id
              textZhCn
              textEn
            }
          }
          resolution {
            note
            resolvedAt
          }
        }
      }
    }
  }
`);

export const RESOLVE_CORRECTIVE_ACTION = graphql(`
  mutation ResolveCorrectiveAction($input: ResolveCorrectiveActionInput!) {
    resolveCorrectiveAction(input: $input) {
      correctiveAction {
        id
        status
        # with the status, so that the row shows what was done the moment it shows it done
        resolution {
          note
          resolvedAt
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
