import { IntlMessageFormat } from 'intl-messageformat';
import { LOCALES, nameOfPair, pairOfName } from '../domain/localized';
import { CATALOGUES, localizedMessage, message, MessageId } from '../domain/notifications/messages/catalogue';
import { orderItemsParam } from '../domain/notifications/order-items';
import { instantParam, readableParams } from '../domain/notifications/param-labels';
import { partsOutlookParam } from '../domain/notifications/parts-outlook';
import { TicketStatus, TicketType } from '../core/desk-enums';
import { Locale } from '../core/enums';
import { SlaMetric } from '../core/sla-enums';

/**
 * The product's own wording comes from one ICU catalogue per locale. These
 * pin that every catalogue says every message, that every code a message
 * labels has words of its own, and that the pieces read as they always have.
 */
const IDS = Object.keys(CATALOGUES[Locale.EN]) as MessageId[];

test('every locale has every message, each a valid ICU message', () => {
  for (const locale of LOCALES) {
    expect(Object.keys(CATALOGUES[locale]).sort()).toEqual([...IDS].sort());
    for (const id of IDS) expect(() => new IntlMessageFormat(CATALOGUES[locale][id], locale, undefined, { ignoreTag: true })).not.toThrow();
  }
});

test('every status, ticket type and clock is put in words in every locale; an unknown code passes through', () => {
  const labelled: [string, string[]][] = [
    ['status', Object.values(TicketStatus)],
    ['ticketType', Object.values(TicketType)],
    ['metric', Object.values(SlaMetric)],
  ];
  for (const locale of LOCALES) {
    for (const [param, codes] of labelled) {
      const words = codes.map((code) => readableParams({ [param]: code }, locale, 'Asia/Shanghai')[param]);
      words.forEach((word, i) => expect(word).not.toBe(codes[i]));
      expect(new Set(words).size).toBe(codes.length);
      expect(readableParams({ [param]: 'constructor' }, locale, 'Asia/Shanghai')[param]).toBe('constructor');
    }
  }
  expect(readableParams({ status: TicketStatus.WAITING_PARTS, metric: SlaMetric.RESOLUTION }, Locale.ZH_CN, 'UTC')).toEqual({
    status: '等待配件',
    metric: '解决时限',
  });
  expect(readableParams({ status: TicketStatus.WAITING_PARTS, metric: SlaMetric.RESOLUTION }, Locale.EN, 'UTC')).toEqual({
    status: 'waiting for parts',
    metric: 'resolution',
  });
});

test('a provisional instant and the parts outlook read as sentences in the recipient language', () => {
  const dueAt = instantParam(new Date('2026-01-02T03:04:00Z'), true);
  const partsOutlook = partsOutlookParam([
    { description: '主板', expectedOn: '2026-01-05', late: false },
    { description: '电池', expectedOn: '2026-01-01', late: true },
  ]);
  expect(readableParams({ dueAt, partsOutlook }, Locale.ZH_CN, 'Asia/Shanghai')).toEqual({
    dueAt: '2026-01-02 11:04（按暂定节假日计算，以官方安排为准）',
    partsOutlook: '所需配件（主板）预计 2026-01-05 到货。\n所需配件（电池）原定 2026-01-01 到货，目前已延误，供应商尚未给出新的到货日期。',
  });
  expect(readableParams({ dueAt: instantParam(new Date('2026-01-02T03:04:00Z'), false) }, Locale.EN, 'Asia/Shanghai').dueAt).toBe('2026-01-02 11:04');
});

test('one orderItems param is listed in the recipient language, and the per-language placeholders of stored wordings still read it', () => {
  const param = orderItemsParam([
    { [Locale.ZH_CN]: '笔记本除尘清洁', [Locale.EN]: 'Dust cleaning' },
    { [Locale.ZH_CN]: '延保 1 年', [Locale.EN]: 'Extended warranty 1 year' },
  ]);
  expect(readableParams({ orderItems: param }, Locale.EN, 'UTC')).toEqual({
    orderItems: 'Dust cleaning, Extended warranty 1 year',
    orderItemsZhCn: '笔记本除尘清洁、延保 1 年',
    orderItemsEn: 'Dust cleaning, Extended warranty 1 year',
  });
  expect(readableParams({ orderItems: param }, Locale.ZH_CN, 'UTC').orderItems).toBe('笔记本除尘清洁、延保 1 年');
  // A message scheduled before the param existed carries the texts themselves.
  expect(readableParams({ orderItemsZhCn: '旧', orderItemsEn: 'old' }, Locale.EN, 'UTC')).toEqual({ orderItemsZhCn: '旧', orderItemsEn: 'old' });
});

test('a group is greeted together, one person by name; a message with values is had in every locale', () => {
  expect(message(Locale.ZH_CN, 'recipients.greeting', { count: 1, name: '王芳' })).toBe('王芳');
  expect(message(Locale.ZH_CN, 'recipients.greeting', { count: 2, name: '王芳' })).toBe('各位同事');
  expect(message(Locale.EN, 'recipients.greeting', { count: 3, name: 'Wang Fang' })).toBe('Colleagues');
  expect(localizedMessage('order.quoteLine', { ticketNumber: 'SH-2026-000001' })).toEqual({
    [Locale.ZH_CN]: '维修报价（服务单 SH-2026-000001）',
    [Locale.EN]: 'Repair quote (ticket SH-2026-000001)',
  });
  expect(pairOfName(nameOfPair({ nameZhCn: '清洁', nameEn: 'Cleaning' }))).toEqual({ nameZhCn: '清洁', nameEn: 'Cleaning' });
});
