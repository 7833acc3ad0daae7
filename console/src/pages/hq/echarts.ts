import { BarChart, LineChart } from 'echarts/charts';
import { GridComponent, LegendComponent, MarkLineComponent, TooltipComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { SVGRenderer } from 'echarts/renderers';

/**
 * Only the parts of ECharts HQ's charts use, drawn as SVG (sharp at any zoom,
 * readable text for screen readers and tests); this module is loaded with the
 * HQ pages only, never with the sign-in page.
 */
echarts.use([BarChart, LineChart, GridComponent, TooltipComponent, LegendComponent, MarkLineComponent, SVGRenderer]);

export { echarts };
export type { EChartsCoreOption } from 'echarts/core';
