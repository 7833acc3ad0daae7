import { useQuery } from '@apollo/client/react';
import { Card, Descriptions, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { graphql } from '../../gql';
import type { ServiceFigureFilter } from '../../gql/graphql';

const CARE_FIGURES = graphql(`
  query CareFigures($filter: ServiceFigureFilter!) {
    careFigures(filter: $filter) {
      tickets
      complaints {
        complaints
        per1000Tickets
        withinStandardPercent
        calledBackPercent
      }
      surveys {
        sent
        answered
        noResponse
        csatPercent
        lowScores
        lowScoresReopened
      }
      paidServiceSurveys {
        answered
        csatPercent
      }
      repeatRepairs {
        resolutions
        backWithin30DaysPercent
        backWithin90DaysPercent
      }
    }
  }
`);

/**
 * The customer-care figures of the same period: complaints (per 1,000
 * tickets, answered within the standard, called back), the satisfaction
 * callbacks (CSAT, low scores and their follow-up), paid-service
 * satisfaction and devices back after a repair.
 */
export function CareFigures({ filter }: { filter: ServiceFigureFilter }) {
  const { t } = useTranslation(['figures']);
  const { data } = useQuery(CARE_FIGURES, { variables: { filter } });
  const care = data?.careFigures;
  if (!care) return null;
  const percent = (value: number | null | undefined) => (value === null || value === undefined ? '—' : `${value}%`);
  const number = (value: number | null | undefined) => (value === null || value === undefined ? '—' : String(value));
  return (
    <Card
      title={
        <Typography.Title level={2} className="figures-card-title">
          {t('figures:care.title')}
        </Typography.Title>
      }
    >
      <Descriptions
        column={{ xs: 1, sm: 2, lg: 4 }}
        data-testid="figures-care"
        items={[
          { key: 'tickets', label: t('figures:care.tickets'), children: number(care.tickets) },
          { key: 'complaints', label: t('figures:care.complaints'), children: number(care.complaints.complaints) },
          { key: 'per1000', label: t('figures:care.per1000Tickets'), children: number(care.complaints.per1000Tickets) },
          { key: 'withinStandard', label: t('figures:care.withinStandard'), children: percent(care.complaints.withinStandardPercent) },
          { key: 'calledBack', label: t('figures:care.calledBack'), children: percent(care.complaints.calledBackPercent) },
          { key: 'sent', label: t('figures:care.surveysSent'), children: number(care.surveys.sent) },
          { key: 'answered', label: t('figures:care.surveysAnswered'), children: number(care.surveys.answered) },
          { key: 'noResponse', label: t('figures:care.noResponse'), children: number(care.surveys.noResponse) },
          { key: 'csat', label: t('figures:care.csat'), children: percent(care.surveys.csatPercent) },
          {
            key: 'lowScores',
            label: t('figures:care.lowScores'),
            children: t('figures:care.lowScoresValue', { count: care.surveys.lowScores, reopened: care.surveys.lowScoresReopened }),
          },
          { key: 'paidCsat', label: t('figures:care.paidCsat'), children: percent(care.paidServiceSurveys.csatPercent) },
          { key: 'resolutions', label: t('figures:care.resolutions'), children: number(care.repeatRepairs.resolutions) },
          { key: 'back30', label: t('figures:care.back30'), children: percent(care.repeatRepairs.backWithin30DaysPercent) },
          { key: 'back90', label: t('figures:care.back90'), children: percent(care.repeatRepairs.backWithin90DaysPercent) },
        ]}
      />
    </Card>
  );
}
