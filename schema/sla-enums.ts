/** What a service target measures; one clock per metric runs on each ticket. */
export enum SlaMetric {
  DISPATCH = 'DISPATCH',
  FIRST_CONTACT = 'FIRST_CONTACT',
  RESOLUTION = 'RESOLUTION',
  PROGRESS_UPDATE = 'PROGRESS_UPDATE',
  CALLBACK = 'CALLBACK',
}
