import { useQuery } from '@apollo/client/react';
import { Card, Descriptions, Space, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ProblemAlert } from '../../components/ProblemAlert';
import { graphql } from '../../gql';
import type { CareFigure, ServiceFigureFilter } from '../../gql/graphql';
import { type CareDrill, CareTickets } from './CareTickets';
import { DrillButton } from './DrillButton';
import { ExportButtons } from './ExportButtons';
import type { FigurePeriod } from './figure-period';

const CARE_FIGURES = graphql(`
  query CareFigures($filter: ServiceFigureFilter!) {
    careFigures(filter: $filter) {
      tickets
      complaints {
        complaints
        per1000Tickets
        answered
        answeredWithinStandard
        withinStandardPercent
        calledBack
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
        backWithin30Days
        backWithin30DaysPercent
        backWithin90Days
        backWithin90DaysPercent
      }
    }
  }
`);

/**
 * The customer-care figures of the same period: complaints (per 1,000
 * tickets, answered within the standard, called back), the satisfaction
 * callbacks (CSAT, low scores and their follow-up), paid-service
 * satisfaction and devices back after a repair. Every count opens the
 * tickets behind it; the figures and the lists export as CSV and JSON.
 */
export function CareFigures({ filter, period }: { filter: ServiceFigureFilter; period: FigurePeriod }) {
  const { t } = useTranslation(['figures']);
  const { data, error, refetch } = useQuery(CARE_FIGURES, { variables: { filter } });
  const [drill, setDrill] = useState<CareDrill | null>(null);
  const care = data?.careFigures;
  const percent = (value: number | null | undefined) => (value === null || value === undefined ? '—' : `${value}%`);
  // A count that opens its tickets, under the figure's label (`paid`: the paid services' surveys).
  const count = (key: string, value: number, figure: CareFigure, paid = false) => {
    const label = t(`figures:care.${key}`);
    return {
      key,
      label,
      children: (
        <DrillButton value={value} title={t('figures:volumes.open', { figure: label })} onClick={() => setDrill({ figure, paidServicesOnly: paid, label })} />
      ),
    };
  };
  const plain = (key: string, value: string) => ({ key, label: t(`figures:care.${key}`), children: value });

  return (
    <Space orientation="vertical" size="large" style={{ width: '100%' }}>
      <Card
        title={
          <Typography.Title level={2} className="figures-card-title">
            {t('figures:care.title')}
          </Typography.Title>
        }
        extra={<ExportButtons route="care-figures" params={period} labels={{ csv: t('figures:care.exportCsv'), json: t('figures:care.exportJson') }} />}
      >
        <ProblemAlert error={error} onRetry={() => void refetch()} />
        {care && (
          <Descriptions
            column={{ xs: 1, sm: 2, lg: 4 }}
            data-testid="figures-care"
            items={[
              count('tickets', care.tickets, 'TICKETS'),
              count('complaints', care.complaints.complaints, 'COMPLAINTS'),
              plain(
                'per1000Tickets',
                care.complaints.per1000Tickets === null || care.complaints.per1000Tickets === undefined ? '—' : String(care.complaints.per1000Tickets),
              ),
              count('complaintsAnswered', care.complaints.answered, 'COMPLAINTS_ANSWERED'),
              count('answeredWithinStandard', care.complaints.answeredWithinStandard, 'COMPLAINTS_ANSWERED_WITHIN_STANDARD'),
              plain('withinStandard', percent(care.complaints.withinStandardPercent)),
              count('complaintsCalledBack', care.complaints.calledBack, 'COMPLAINTS_CALLED_BACK'),
              plain('calledBack', percent(care.complaints.calledBackPercent)),
              count('surveysSent', care.surveys.sent, 'SURVEYS_SENT'),
              count('surveysAnswered', care.surveys.answered, 'SURVEYS_ANSWERED'),
              count('noResponse', care.surveys.noResponse, 'SURVEYS_NO_RESPONSE'),
              plain('csat', percent(care.surveys.csatPercent)),
              count('lowScores', care.surveys.lowScores, 'LOW_SCORES'),
              count('lowScoresReopened', care.surveys.lowScoresReopened, 'LOW_SCORES_REOPENED'),
              count('paidAnswered', care.paidServiceSurveys.answered, 'SURVEYS_ANSWERED', true),
              plain('paidCsat', percent(care.paidServiceSurveys.csatPercent)),
              count('resolutions', care.repeatRepairs.resolutions, 'RESOLUTIONS'),
              count('back30Count', care.repeatRepairs.backWithin30Days, 'BACK_WITHIN_30_DAYS'),
              plain('back30', percent(care.repeatRepairs.backWithin30DaysPercent)),
              count('back90Count', care.repeatRepairs.backWithin90Days, 'BACK_WITHIN_90_DAYS'),
              plain('back90', percent(care.repeatRepairs.backWithin90DaysPercent)),
            ]}
          />
        )}
      </Card>
      {drill && <CareTickets key={JSON.stringify(drill)} drill={drill} filter={filter} period={period} onClose={() => setDrill(null)} />}
    </Space>
  );
}
